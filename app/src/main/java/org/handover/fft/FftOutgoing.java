package org.handover.fft;

import java.util.List;
import java.util.Map;
import org.handover.messaging.Outbox;
import org.handover.messaging.Outbox.OutboxEntry;
import org.handover.routes.delivery.Channel;
import org.springframework.stereotype.Component;

/**
 * FFT texts into the outbox, in the caller's transaction. Ids are derived from what causes the text (a conversation
 * and its step, or the reply answered), so a step that runs twice writes one message.
 */
@Component
class FftOutgoing {

    static final String QUESTION = "FftQuestion";
    static final String FOLLOW_UP = "FftFollowUp";
    static final String CLARIFICATION = "FftClarification";
    static final String OPT_OUT_CONFIRMATION = "FftOptOutConfirmation";
    static final String OPT_IN_CONFIRMATION = "FftOptInConfirmation";
    static final String UNKNOWN_SENDER_ANSWER = "FftUnknownSenderAnswer";

    private final Outbox outbox;
    private final FftMetrics metrics;

    FftOutgoing(Outbox outbox, FftMetrics metrics) {
        this.outbox = outbox;
        this.metrics = metrics;
    }

    /** One text of a batch: see {@link #sendAll}. */
    record Text(String id, String type, String mobile, String correlationKey, String text) {
    }

    /** Several texts in one batch insert, in the caller's transaction. */
    void sendAll(List<Text> texts) {
        outbox.sendAll(texts.stream().map(text -> new OutboxEntry(text.id(), Channel.SMS, text.mobile(), text.type(),
                text.correlationKey(), text.text(), Map.of())).toList());
        texts.forEach(text -> metrics.textSent(text.type()));
    }

    /** @return the outbox message id */
    String send(String id, String type, String mobile, String correlationKey, String text) {
        String messageId = outbox.send(new OutboxEntry(id, Channel.SMS, mobile, type, correlationKey, text, Map.of()));
        metrics.textSent(type);
        return messageId;
    }
}
