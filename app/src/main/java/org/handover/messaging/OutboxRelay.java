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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.handover.routes.Envelopes;
import org.handover.routes.delivery.Channel;
import org.handover.routes.delivery.OutboundMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves due outbox messages to their channel's Artemis queue. Runs on its own thread, woken after every commit that
 * wrote to the outbox and otherwise every relay interval (which also picks up retries whose backoff has passed).
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

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final ConnectionFactory connectionFactory;
    private final AttributesCodec codec;
    private final DeliveryProperties properties;
    private final Clock clock;
    private final String selectDue;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private volatile boolean woken;
    private volatile boolean running;
    private Thread worker;

    OutboxRelay(JdbcTemplate jdbc, TransactionTemplate transaction, ConnectionFactory connectionFactory,
            AttributesCodec codec, DeliveryProperties properties, Clock clock, DataSource dataSource) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.connectionFactory = connectionFactory;
        this.codec = codec;
        this.properties = properties;
        this.clock = clock;
        this.selectDue = """
                select id, channel, recipient, message_type, correlation_key, attributes, payload, attempts
                from outbox_message
                where status in ('PENDING', 'FAILED') and next_attempt_at <= ?
                order by next_attempt_at
                fetch first %d rows only
                %s
                """.formatted(properties.relayBatchSize(), isPostgres(dataSource) ? "for update skip locked" : "for update");
    }

    /** Called after a transaction that wrote to the outbox commits. */
    void wakeUp() {
        woken = true;
        lock.lock();
        try {
            wake.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Relays one batch of due messages; returns how many. */
    int relayDue() {
        Integer relayed = transaction.execute(status -> {
            Timestamp now = Timestamp.from(clock.instant());
            List<OutboundMessage> due = jdbc.query(selectDue, this::envelope, now);
            if (due.isEmpty()) {
                return 0;
            }
            publish(due);
            jdbc.batchUpdate("update outbox_message set status = 'QUEUED', queued_at = ?, updated_at = ? where id = ?",
                    due.stream().map(message -> new Object[] {now, now, message.id()}).toList());
            return due.size();
        });
        return relayed == null ? 0 : relayed;
    }

    private OutboundMessage envelope(ResultSet row, int rowNumber) throws SQLException {
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

    private void publish(List<OutboundMessage> messages) {
        try (var connection = connectionFactory.createConnection();
                Session session = connection.createSession(true, Session.SESSION_TRANSACTED)) {
            Map<Channel, MessageProducer> producers = new HashMap<>();
            for (OutboundMessage message : messages) {
                MessageProducer producer = producers.computeIfAbsent(message.channel(), channel -> producer(session, channel));
                TextMessage jms = session.createTextMessage(Envelopes.write(message));
                jms.setStringProperty(ARTEMIS_DUPLICATE_ID, message.id() + "#" + message.attempt());
                jms.setJMSCorrelationID(message.id());
                producer.send(jms);
            }
            session.commit();
        } catch (JMSException e) {
            throw new IllegalStateException("Could not put outbox messages on their queues: " + e.getMessage(), e);
        }
    }

    private static MessageProducer producer(Session session, Channel channel) {
        try {
            return session.createProducer(session.createQueue(channel.queue()));
        } catch (JMSException e) {
            throw new IllegalStateException("No producer for queue " + channel.queue(), e);
        }
    }

    private void loop() {
        while (running) {
            int relayed = 0;
            try {
                relayed = relayDue();
            } catch (RuntimeException e) {
                log.warn("Outbox relay failed, will try again: {}", e.getMessage());
            }
            if (relayed < properties.relayBatchSize()) {
                awaitWakeUp();
            }
        }
    }

    private void awaitWakeUp() {
        lock.lock();
        try {
            if (!woken && running) {
                wake.await(properties.relayInterval().toMillis(), TimeUnit.MILLISECONDS);
            }
            woken = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    private static boolean isPostgres(DataSource dataSource) {
        try {
            String product = JdbcUtils.extractDatabaseMetaData(dataSource, "getDatabaseProductName");
            return product != null && product.toLowerCase().contains("postgres");
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void start() {
        running = true;
        worker = new Thread(this::loop, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void stop() {
        running = false;
        wakeUp();
        try {
            worker.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Start after the broker and the database, stop before them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }
}
