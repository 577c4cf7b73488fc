package org.handover.fft;

import java.util.List;

/** Where an FFT conversation is; the states that wait for the patient are the "open" ones. */
enum ConversationState {
    SCHEDULED,
    AWAITING_ANSWER,
    AWAITING_CLARIFIED_ANSWER,
    AWAITING_COMMENT,
    ENDED,
    SKIPPED;

    static final List<String> OPEN = List.of(AWAITING_ANSWER.name(), AWAITING_CLARIFIED_ANSWER.name(),
            AWAITING_COMMENT.name());
}
