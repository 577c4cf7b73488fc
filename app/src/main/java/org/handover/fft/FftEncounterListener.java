package org.handover.fft;

import org.handover.encounter.DischargeCancelled;
import org.handover.encounter.EncounterEnded;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Starts the FFT for encounters the intakes stored, once their transaction has committed (an encounter that was
 * rolled back starts nothing); withdraws a text not yet sent when the discharge is cancelled.
 */
@Component
class FftEncounterListener {

    private final FftConversations conversations;

    FftEncounterListener(FftConversations conversations) {
        this.conversations = conversations;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void encounterEnded(EncounterEnded event) {
        conversations.startInNewTransaction(event, "event");
    }

    @TransactionalEventListener(fallbackExecution = true)
    void dischargeCancelled(DischargeCancelled event) {
        conversations.cancelInNewTransaction(event.episodeId());
    }
}
