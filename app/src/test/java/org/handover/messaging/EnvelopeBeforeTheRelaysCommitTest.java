package org.handover.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.h2.jdbcx.JdbcDataSource;
import org.handover.routes.Envelopes;
import org.handover.routes.delivery.Channel;
import org.handover.routes.delivery.DeliveryAttempts.Go;
import org.handover.routes.delivery.OutboundMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The broker hands the envelope to a consumer as soon as the relay's JMS transaction commits, before the relay's
 * database transaction marks the row QUEUED. A real broker and a real ledger table; the relay's commit is held back.
 */
class EnvelopeBeforeTheRelaysCommitTest {

    private static final Duration RELAYS_COMMIT_HELD = Duration.ofSeconds(2);

    private final AtomicInteger ledgerQueries = new AtomicInteger();
    private final AtomicInteger ledgerUpdates = new AtomicInteger();
    private EmbeddedActiveMQ broker;
    private ActiveMQConnectionFactory connectionFactory;
    private OutboxRelay relay;
    private DeliveryLedger ledger;
    private JdbcTemplate jdbc;

    @BeforeEach
    void backbone() throws Exception {
        broker = new EmbeddedActiveMQ().setConfiguration(new ConfigurationImpl().setPersistenceEnabled(false)
                .setSecurityEnabled(false).addAcceptorConfiguration("in-vm", "vm://0"));
        broker.start();
        connectionFactory = new ActiveMQConnectionFactory("vm://0");

        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("""
                create table outbox_message (id varchar(64) primary key, channel varchar(32), recipient varchar(64),
                    message_type varchar(64), correlation_key varchar(64), attributes varchar(1000), payload clob,
                    status varchar(16), attempts int, next_attempt_at timestamp, created_at timestamp,
                    updated_at timestamp, queued_at timestamp, sent_at timestamp, remote_id varchar(64),
                    last_error varchar(1000))
                """);
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        JdbcTemplate slowToMarkQueued = new JdbcTemplate(dataSource) {
            @Override
            public int update(String sql, Object... args) {
                if (sql.contains("set status = 'QUEUED'")) {
                    sleep(RELAYS_COMMIT_HELD);
                }
                return super.update(sql, args);
            }
        };
        JdbcTemplate counting = new JdbcTemplate(dataSource) {
            @Override
            public void query(String sql, RowCallbackHandler handler, Object... args) {
                ledgerQueries.incrementAndGet();
                super.query(sql, handler, args);
            }

            @Override
            public int update(String sql, Object... args) {
                ledgerUpdates.incrementAndGet();
                return super.update(sql, args);
            }
        };
        DeliveryProperties properties = new DeliveryProperties(3, Duration.ofSeconds(5), 2.0, Duration.ofMinutes(1),
                Duration.ofHours(1), 100, 1, null);
        Clock clock = Clock.systemUTC();
        relay = new OutboxRelay(slowToMarkQueued, transaction, connectionFactory,
                new AttributesCodec(new ObjectMapper()), properties, clock, dataSource, Duration.ZERO, Duration.ofHours(1));
        // begin() needs the writer, the reads and the relay; its other collaborators act on outcomes, not here
        ledger = new DeliveryLedger(counting, new LedgerWriter(counting, transaction), new LedgerReads(counting), null,
                properties, null, null, null, relay, clock);
    }

    @AfterEach
    void stop() throws Exception {
        connectionFactory.close();
        broker.stop();
    }

    @Test
    void theConsumerWaitsForTheRelaysCommitInsteadOfClaimingTheRowAndReadingItTwice() throws Exception {
        beginWhileTheRelayCommits();
    }

    /** The first try of an envelope, begun while the relay that queued it is still committing. */
    private OutboundMessage beginWhileTheRelayCommits() throws Exception {
        String id = UUID.randomUUID().toString();
        Timestamp now = Timestamp.from(Clock.systemUTC().instant());
        jdbc.update("""
                insert into outbox_message (id, channel, recipient, message_type, correlation_key, attributes, payload,
                    status, attempts, next_attempt_at, created_at, updated_at)
                values (?, 'sms', '07700900001', 'Test', 'case-1', '{}', 'hello', 'PENDING', 0, ?, ?, ?)
                """, id, now, now, now);

        CompletableFuture<Integer> relayed;
        Go go;
        long waitedMillis;
        OutboundMessage envelope;
        try (Connection connection = connectionFactory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(Channel.SMS.queue()));
            relayed = CompletableFuture.supplyAsync(relay::relayDue);
            envelope = Envelopes.read(((TextMessage) consumer.receive(10_000)).getText());
            assertThat(relayed).as("the envelope came before the relay's commit").isNotDone();
            long started = System.nanoTime();
            go = ledger.begin(envelope);
            waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        }

        assertThat(relayed.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(go).isEqualTo(Go.SEND);
        assertThat(waitedMillis).as("begin waited for the relay's commit").isPositive();
        assertThat(ledgerUpdates.get()).as("claims, each matching no row once the relay commits").isZero();
        assertThat(ledgerQueries.get()).as("reads of a row the relay has just left QUEUED").isZero();
        assertThat(jdbc.queryForObject("select status || ' ' || attempts from outbox_message where id = ?",
                String.class, id)).isEqualTo("QUEUED 1");
        return envelope;
    }

    @Test
    void theSameEnvelopeRedeliveredIsDecidedByTheRowAsBefore() throws Exception {
        OutboundMessage envelope = beginWhileTheRelayCommits();

        assertThat(ledger.begin(envelope)).as("in flight at its attempt: sent again, same key").isEqualTo(Go.SEND);
        assertThat(ledgerQueries.get()).as("a redelivery reads the row").isEqualTo(1);

        jdbc.update("update outbox_message set status = 'SENT' where id = ?", envelope.id());
        assertThat(ledger.begin(envelope)).as("already sent").isEqualTo(Go.SKIP);
        assertThat(ledgerUpdates.get()).isZero();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
