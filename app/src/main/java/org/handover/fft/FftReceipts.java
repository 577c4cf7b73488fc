package org.handover.fft;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.handover.messaging.DeliveryStatus;
import org.handover.messaging.DeliveryStatusListener;
import org.springframework.stereotype.Component;

/**
 * The ledger's word on FFT questions as it comes: the scheduler copies these to their conversations by primary key,
 * instead of joining every conversation still without a receipt to the ledger on each tick (at 100,000 conversations
 * that join read every one of them, twice a second). Held in memory only: what a restart loses, or a receipt taken by
 * another node, the scheduler's periodic sweep of the ledger still finds.
 */
@Component
class FftReceipts implements DeliveryStatusListener {

    /** A final status of a question, for conversation {@code conversationId}. */
    record Receipt(String conversationId, DeliveryStatus status, Instant at) {
    }

    private final Queue<Receipt> received = new ConcurrentLinkedQueue<>();
    private final Clock clock;

    FftReceipts(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void statusChanged(String messageId, String messageType, String correlationKey, DeliveryStatus status) {
        if (FftOutgoing.QUESTION.equals(messageType) && correlationKey != null && status != DeliveryStatus.SENT) {
            received.add(new Receipt(correlationKey, status, clock.instant()));
        }
    }

    /** Those received since the last call, at most {@code max}. */
    List<Receipt> take(int max) {
        List<Receipt> taken = new ArrayList<>();
        for (Receipt receipt = received.poll(); receipt != null; receipt = taken.size() < max ? received.poll() : null) {
            taken.add(receipt);
        }
        return taken;
    }
}
