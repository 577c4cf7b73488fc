package org.handover.rules.fft;

/**
 * What a patient's text means. For a score, {@code comment} is any text the patient added after it ("2 - nurses
 * were lovely"), or null.
 */
public record ParsedReply(Kind kind, FftAnswer answer, String comment) {

    public enum Kind {
        /** One of the six answers. */
        SCORE,
        /** STOP and its variants: no more texts, ever, until START. */
        OPT_OUT,
        /** START: texts again. */
        OPT_IN,
        /** Not an answer we can be sure of. */
        UNCLEAR
    }

    static ParsedReply score(FftAnswer answer, String comment) {
        return new ParsedReply(Kind.SCORE, answer, comment);
    }

    static ParsedReply of(Kind kind) {
        return new ParsedReply(kind, null, null);
    }
}
