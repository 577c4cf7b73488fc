package org.handover.fft;

import org.handover.encounter.DischargeCancelled;
import org.handover.encounter.EncounterEnded;
import org.handover.quarantine.Quarantine;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Starts the FFT for encounters the intakes stored, once their transaction has committed (an encounter that was
 * rolled back starts nothing); withdraws a text not yet sent when the discharge is cancelled.
 */
@Component
class FftEncounterListener {

    private final FftConversations conversations;
    private final Quarantine quarantine;

    FftEncounterListener(FftConversations conversations, Quarantine quarantine) {
        this.conversations = conversations;
        this.quarantine = quarantine;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void encounterEnded(EncounterEnded event) {
        String problem = problemWith(event);
        if (problem != null) {
            quarantine.keep("fft-encounter-event", problem, String.valueOf(event.encounterId()) + " from "
                    + event.siteCode() + "/" + event.ward());
            return;
        }
        conversations.startInNewTransaction(event, "event");
    }

    /** The intakes validate their messages; this guards the few facts FFT cannot do without. */
    static String problemWith(EncounterEnded event) {
        if (event.encounterId() == null || event.encounterId().isBlank() || event.encounterId().length() > 128) {
            return "EncounterEnded without an encounter id (or longer than 128 characters): FFT cannot be idempotent";
        }
        if (event.endedAt() == null) {
            return "EncounterEnded " + event.encounterId() + " without endedAt: FFT cannot schedule the text";
        }
        return null;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void dischargeCancelled(DischargeCancelled event) {
        conversations.cancelInNewTransaction(event.episodeId());
    }
}
