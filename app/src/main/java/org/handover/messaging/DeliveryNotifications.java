package org.handover.messaging;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.handover.messaging.ReceiptSubjects.Subject;
import org.handover.processes.delivery.DeliveryMessages;
import org.handover.routes.delivery.Channel;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Tells the process that sent a message what became of it, by correlating "<type>.<status>" with the process's
 * business key, when the sender asked for it. A process that is not waiting for that news simply does not receive it.
 * Every {@link DeliveryStatusListener} hears of every change.
 */
@Component
class DeliveryNotifications {

    private final JdbcTemplate jdbc;
    private final ReceiptSubjects receiptSubjects;
    private final RuntimeService runtimeService;
    private final AttributesCodec attributes;
    private final List<DeliveryStatusListener> listeners;

    DeliveryNotifications(JdbcTemplate jdbc, ReceiptSubjects receiptSubjects, RuntimeService runtimeService,
            AttributesCodec attributes, ObjectProvider<DeliveryStatusListener> listeners) {
        this.jdbc = jdbc;
        this.receiptSubjects = receiptSubjects;
        this.runtimeService = runtimeService;
        this.attributes = attributes;
        this.listeners = listeners.orderedStream().toList();
    }

    /** Only messages sent with {@link Outbox#NOTIFY_PROCESS} report back: most senders do not wait for receipts. */
    void statusChanged(String messageId, DeliveryStatus status) {
        jdbc.query("select id, message_type, correlation_key, attributes from outbox_message where id = ?",
                row -> { tell(Subject.of(row), status); }, messageId);
    }

    /** The same for every message the channel knows by this remote id (a receipt names the message that way). */
    void statusChanged(Channel channel, String remoteId, DeliveryStatus status) {
        for (Subject subject : receiptSubjects.named(channel, remoteId)) {
            tell(subject, status);
        }
    }

    private void tell(Subject message, DeliveryStatus status) {
        String correlationKey = message.correlationKey();
        for (DeliveryStatusListener listener : listeners) {
            listener.statusChanged(message.id(), message.messageType(), correlationKey, status);
        }
        boolean wanted = "true".equals(attributes.decode(message.attributes()).get(Outbox.NOTIFY_PROCESS));
        if (correlationKey != null && wanted) {
            runtimeService.createMessageCorrelation(DeliveryMessages.name(message.messageType(), status.name()))
                    .processInstanceBusinessKey(correlationKey)
                    .setVariables(Map.of(DeliveryMessages.MESSAGE_ID, message.id(),
                            DeliveryMessages.STATUS, status.name()))
                    .correlateAllWithResult();
        }
    }
}
