package org.handover.rules.fft;

/** One reason not to ask, as a rule found it; detail says what exactly (a code, an age). */
public record Skip(FftCandidate candidate, SkipReason reason, String detail) {

    public String explanation() {
        return detail == null || detail.isBlank() ? reason.description() : reason.description() + " (" + detail + ")";
    }
}
