package org.handover.rules.chc;

/** Fact written by the Checklist rules: exactly one per Checklist. */
public record ChecklistOutcome(ChecklistCounts counts, boolean positive, String reason) {

    public static ChecklistOutcome positive(ChecklistCounts counts, String reason) {
        return new ChecklistOutcome(counts, true, reason);
    }

    public static ChecklistOutcome negative(ChecklistCounts counts, String reason) {
        return new ChecklistOutcome(counts, false, reason);
    }
}
