package org.handover.messaging;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;
import org.handover.routes.delivery.Channel;
import org.handover.routes.delivery.InboundMessages;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores every message that arrives through a channel before the sender is acknowledged; a repeat of the same
 * remote id is stored once. Workflows pick stored messages up from the {@link InboundMessageReceived} event.
 */
@Service
class InboundMessageStore implements InboundMessages {

    private final JdbcTemplate jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    InboundMessageStore(JdbcTemplate jdbc, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void smsReceived(String fromNumber, String toNumber, String text, String remoteId) {
        String id = UUID.randomUUID().toString();
        int stored = jdbc.update("""
                insert into inbound_message (id, channel, sender, recipient, remote_id, body, received_at)
                select ?, ?, ?, ?, ?, ?, ?
                where not exists (select 1 from inbound_message where channel = ? and remote_id = ?)
                """, id, Channel.SMS.id(), fromNumber, toNumber, remoteId, text == null ? "" : text,
                Timestamp.from(clock.instant()), Channel.SMS.id(), remoteId);
        if (stored == 1) {
            events.publishEvent(new InboundMessageReceived(id, Channel.SMS, fromNumber, text));
        }
    }

    /** Published in the storing transaction; listeners that start work should use @TransactionalEventListener. */
    public record InboundMessageReceived(String id, Channel channel, String sender, String body) {
    }
}
