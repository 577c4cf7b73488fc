package org.handover.fft;

/** How an FFT conversation ended. */
enum Outcome {
    /** An answer and a comment. */
    COMPLETED,
    /** An answer; no comment within the wait. */
    ANSWERED_NO_COMMENT,
    /** No reply within the wait. */
    NO_RESPONSE,
    /** The message centre said the question could not be delivered (or it was dead-lettered): no point waiting. */
    UNDELIVERED,
    /** The patient replied STOP. */
    OPTED_OUT,
    /** Two replies we could not read as an answer: kept as an unclassified comment. */
    UNCLASSIFIED,
    /** The discharge was cancelled before the question went. */
    CANCELLED
}
