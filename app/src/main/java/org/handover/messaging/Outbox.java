package org.handover.messaging;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.handover.routes.delivery.Channel;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one way to send anything outside: the message is written to the outbox in the caller's transaction (a
 * process step, a REST call), so that it exists if and only if that step commits. The relay moves it on.
 */
@Service
public class Outbox {

    /**
     * Attribute that asks for the process (business key = correlation key) to be told of receipts and
     * acknowledgements, as the BPMN message {@code <type>.<STATUS>}; see {@code DeliveryMessages}.
     */
    public static final String NOTIFY_PROCESS = "notifyProcess";

    private static final String INSERT_IF_ABSENT = """
            insert into outbox_message (id, channel, recipient, message_type, correlation_key, attributes, payload,
                status, attempts, next_attempt_at, created_at, updated_at)
            select ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, ?
            where not exists (select 1 from outbox_message where id = ?)
            """;

    private final JdbcTemplate jdbc;
    private final AttributesCodec attributesCodec;
    private final OutboxRelay relay;
    private final Clock clock;

    Outbox(JdbcTemplate jdbc, AttributesCodec attributesCodec, OutboxRelay relay, Clock clock) {
        this.jdbc = jdbc;
        this.attributesCodec = attributesCodec;
        this.relay = relay;
        this.clock = clock;
    }

    /**
     * Writes a message to the outbox. Writing the same id twice keeps the first, so a caller that derives the id
     * from what it is sending (a process instance and step) can safely repeat itself.
     *
     * @return the message id, which is also its idempotency key
     */
    @Transactional
    public String send(OutboxEntry entry) {
        String id = entry.id() != null ? entry.id() : UUID.randomUUID().toString();
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.update(INSERT_IF_ABSENT, id, entry.channel().id(), entry.recipient(), entry.type(),
                entry.correlationKey(), attributesCodec.encode(entry.attributes()), entry.payload(), now, now, now, id);
        relay.wakeUpAfterCommit();
        return id;
    }

    /**
     * Writes several messages in one JDBC batch, each as {@link #send} would (ids are required here: a batch is a
     * step repeated for many, and each must be safe to repeat).
     */
    @Transactional
    public void sendAll(List<OutboxEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.batchUpdate(INSERT_IF_ABSENT, entries.stream().map(entry -> new Object[] {
                java.util.Objects.requireNonNull(entry.id(), "a batched outbox entry needs its id"),
                entry.channel().id(), entry.recipient(), entry.type(), entry.correlationKey(),
                attributesCodec.encode(entry.attributes()), entry.payload(), now, now, now, entry.id()}).toList());
        relay.wakeUpAfterCommit();
    }

    /** What a caller wants sent; id may be null for a fresh one. */
    public record OutboxEntry(
            String id,
            Channel channel,
            String recipient,
            String type,
            String correlationKey,
            String payload,
            Map<String, String> attributes) {

        public OutboxEntry {
            if (recipient == null || recipient.isBlank()) {
                throw new IllegalArgumentException("An outbound message needs a recipient");
            }
            if (payload == null) {
                throw new IllegalArgumentException("An outbound message needs a payload");
            }
            attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        }
    }
}
