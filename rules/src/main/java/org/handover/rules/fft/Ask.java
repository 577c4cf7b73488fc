package org.handover.rules.fft;

/** The rules found no reason not to ask this candidate by text. */
public record Ask(FftCandidate candidate) {
}
