package org.handover.rules.chc;

/** Fact written by the DST rules: exactly one per DST. */
public record DstOutcome(DstCounts counts, DstRecommendation.Outcome outcome, String reason) {
}
