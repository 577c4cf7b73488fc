package org.handover.routes.delivery;

import java.util.List;

/**
 * The delivery ledger as the channel routes see it. Implemented by the application; every route calls
 * {@link #begin} before it contacts the receiver and exactly one of {@link #succeeded} or {@link #failed} after.
 */
public interface DeliveryAttempts {

    /** Whether to go ahead with this envelope. */
    enum Go {
        /** First time this attempt is made. */
        SEND,
        /**
         * A previous try of this attempt may have reached the receiver before a crash: send again with the same
         * idempotency key so that the receiver can recognise it.
         */
        SEND_AGAIN,
        /** Already delivered, abandoned or superseded: drop the envelope. */
        SKIP
    }

    /** What became of a failed attempt. */
    enum AfterFailure {
        RETRY_SCHEDULED,
        DEAD_LETTERED
    }

    Go begin(OutboundMessage message);

    void succeeded(OutboundMessage message, String remoteId);

    /**
     * The same for a message the receiver took in parts (a long SMS): {@code remoteId} names the first part, and the
     * others' ids are recorded so that their receipts are recognised.
     */
    default void succeeded(OutboundMessage message, String remoteId, List<String> otherPartIds) {
        succeeded(message, remoteId);
    }

    /**
     * Records the failure and decides what follows.
     *
     * @param errorCode channel-independent code, see {@link DeliveryErrors}
     */
    AfterFailure failed(OutboundMessage message, String errorCode, String errorText);
}
