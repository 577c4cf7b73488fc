package org.handover.messaging;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.handover.routes.Envelopes;
import org.handover.routes.delivery.Channel;
import org.handover.routes.delivery.OutboundMessage;
import org.handover.system.BackgroundWorker;
import org.handover.system.Databases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves due outbox messages to their channel's Artemis queue. Runs on its own thread, woken after every commit that
 * wrote to the outbox or retried a message by hand, and when a retry's backoff has passed; otherwise it polls (for what
 * another node or a restart left), every relay interval at first and, while polls find nothing, less and less often, up
 * to {@code handover.delivery.relay-idle-interval}.
 *
 * <p>Order matters for "nothing lost": the JMS batch is committed before the database marks the rows QUEUED. A crash
 * in between leaves the rows PENDING and they are sent again with the same Artemis duplicate id, which the broker
 * drops. Rows are locked with SKIP LOCKED on PostgreSQL so that several nodes can relay side by side.
 */
@Component
class OutboxRelay implements SmartLifecycle {

    /** Artemis drops a message whose duplicate id it has seen before (org.apache.activemq.artemis.api.core.Message). */
    static final String ARTEMIS_DUPLICATE_ID = "_AMQ_DUPL_ID";

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    /** Longer than a batch takes to commit; past it the consumer claims the row as it would without the wait. */
    private static final Duration IN_FLIGHT_WAIT = Duration.ofSeconds(10);
    private static final Duration DUE_MARGIN = Duration.ofMillis(10);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final ConnectionFactory connectionFactory;
    private final AttributesCodec codec;
    private final DeliveryProperties properties;
    private final Clock clock;
    private final String selectDue;
    private final BackgroundWorker worker;
    private final RelayInFlight inFlight = new RelayInFlight();

    OutboxRelay(JdbcTemplate jdbc, TransactionTemplate transaction, ConnectionFactory connectionFactory,
            AttributesCodec codec, DeliveryProperties properties, Clock clock, DataSource dataSource,
            @Value("${handover.delivery.relay-linger:20ms}") Duration linger,
            @Value("${handover.delivery.relay-idle-interval:2s}") Duration idleInterval) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.connectionFactory = connectionFactory;
        this.codec = codec;
        this.properties = properties;
        this.clock = clock;
        // "attempts >= 0" is true of every row: it names the partial index outbox_due (V15), which the single-row
        // updates, not saying it, cannot pick by mistake
        this.selectDue = """
                select id, channel, recipient, message_type, correlation_key, attributes, payload, attempts,
                    next_attempt_at
                from outbox_message
                where status in ('PENDING', 'FAILED') and attempts >= 0 and next_attempt_at <= ?
                order by next_attempt_at
                fetch first %d rows only
                %s
                """.formatted(properties.relayBatchSize(), Databases.forUpdateSkipLocked(dataSource));
        this.worker = new BackgroundWorker("outbox-relay", 1, properties.relayBatchSize(), properties.relayInterval(),
                idleInterval, linger, this::relayDue);
    }

    /** Called after a transaction that wrote to the outbox commits. */
    void wakeUp() {
        worker.wakeUp();
    }

    /** Wakes the relay once the current transaction commits (at once outside one): it made messages relayable. */
    void wakeUpAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    wakeUp();
                }
            });
        } else {
            wakeUp();
        }
    }

    /**
     * A retry falls due then: the relay looks for it at that moment, not at its next poll, which at rest may be up to
     * the idle interval away (a little after it, so that the row is due by the database's clock too).
     */
    void wakeAt(Instant due) {
        worker.wakeWithin(Duration.between(clock.instant(), due).plus(DUE_MARGIN));
    }

    /**
     * Whether this node's relay has just committed this attempt of the message QUEUED, and no envelope of it has begun
     * here since: then the row is as the relay left it, and the consumer need not read it. Waits (briefly) while the
     * relay is between putting the message on its queue and committing it.
     */
    boolean justQueued(String messageId, int attempt) {
        return inFlight.takeCommitted(messageId, attempt, IN_FLIGHT_WAIT);
    }

    /** Relays one batch of due messages; returns how many. */
    int relayDue() {
        AtomicReference<RelayInFlight.Batch> publishing = new AtomicReference<>();
        AtomicBoolean allMarked = new AtomicBoolean();
        boolean committed = false;
        try {
            Integer relayed = transaction.execute(status -> {
                Timestamp now = Timestamp.from(clock.instant());
                List<Dispatch> due = jdbc.query(selectDue, this::dispatch, now);
                if (due.isEmpty()) {
                    return 0;
                }
                publishing.set(inFlight.publishing(due.stream().collect(
                        Collectors.toMap(dispatch -> dispatch.message().id(), dispatch -> dispatch.message().attempt()))));
                publish(due);
                allMarked.set(markQueued(due, now) == due.size());
                return due.size();
            });
            committed = true;
            return relayed == null ? 0 : relayed;
        } finally {
            if (publishing.get() != null) {
                publishing.get().ended(committed && allMarked.get());
            }
        }
    }

    /**
     * One statement for the whole batch, not one per message. The attempt is counted here, so that the channel
     * route only reads the row before it delivers (see {@link DeliveryLedger#begin}).
     */
    private int markQueued(List<Dispatch> due, Timestamp now) {
        List<Object> args = new ArrayList<>(due.size() + 2);
        args.add(now);
        args.add(now);
        due.forEach(dispatch -> args.add(dispatch.message().id()));
        return jdbc.update("update outbox_message set status = 'QUEUED', attempts = attempts + 1, queued_at = ?, updated_at = ?"
                + " where id in ("
                + String.join(", ", Collections.nCopies(due.size(), "?")) + ") and status in ('PENDING', 'FAILED')",
                args.toArray());
    }

    /**
     * One message on its way to its queue. The duplicate id is the same however often the relay repeats this
     * dispatch after a crash, and different for every new attempt and every retry a person asks for.
     */
    record Dispatch(OutboundMessage message, String duplicateId) {
    }

    private Dispatch dispatch(ResultSet row, int rowNumber) throws SQLException {
        OutboundMessage message = envelope(row);
        return new Dispatch(message,
                message.id() + "#" + message.attempt() + "#" + row.getTimestamp("next_attempt_at").getTime());
    }

    private OutboundMessage envelope(ResultSet row) throws SQLException {
        return new OutboundMessage(
                row.getString("id"),
                Channel.fromId(row.getString("channel")),
                row.getString("recipient"),
                row.getString("message_type"),
                row.getString("correlation_key"),
                row.getInt("attempts") + 1,
                row.getString("payload"),
                codec.decode(row.getString("attributes")));
    }

    /**
     * Puts the batch on the queues in one JMS transaction. If the broker refuses the transaction because it has
     * seen one of the duplicate ids (this dispatch was made before, and the relay died before recording it), the
     * batch goes again one message at a time, outside a transaction, where the broker drops just the duplicates.
     */
    private void publish(List<Dispatch> dispatches) {
        try {
            send(dispatches, true);
        } catch (JMSException transactionRefused) {
            log.info("Outbox batch refused as a whole ({}); sending its {} messages one by one",
                    transactionRefused.getMessage(), dispatches.size());
            try {
                send(dispatches, false);
            } catch (JMSException e) {
                throw new IllegalStateException("Could not put outbox messages on their queues: " + e.getMessage(), e);
            }
        }
    }

    private void send(List<Dispatch> dispatches, boolean transacted) throws JMSException {
        try (var connection = connectionFactory.createConnection();
                Session session = transacted
                        ? connection.createSession(true, Session.SESSION_TRANSACTED)
                        : connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            Map<Channel, MessageProducer> producers = new HashMap<>();
            for (Dispatch dispatch : dispatches) {
                OutboundMessage message = dispatch.message();
                MessageProducer producer = producers.computeIfAbsent(message.channel(), channel -> producer(session, channel));
                TextMessage jms = session.createTextMessage(Envelopes.write(message));
                jms.setStringProperty(ARTEMIS_DUPLICATE_ID, dispatch.duplicateId());
                jms.setJMSCorrelationID(message.id());
                producer.send(jms);
            }
            if (transacted) {
                session.commit();
            }
        }
    }

    private static MessageProducer producer(Session session, Channel channel) {
        try {
            return session.createProducer(session.createQueue(channel.queue()));
        } catch (JMSException e) {
            throw new IllegalStateException("No producer for queue " + channel.queue(), e);
        }
    }

    @Override
    public void start() {
        worker.start();
    }

    @Override
    public void stop() {
        worker.stop();
    }

    @Override
    public boolean isRunning() {
        return worker.isRunning();
    }

    /** Start after the broker and the database, stop before them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }
}
