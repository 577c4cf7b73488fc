package org.handover.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.flywaydb.core.Flyway;
import org.handover.support.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The retention job on a database migrated as the application migrates it, with a real Camunda engine on it (its
 * running process instances are what keeps a ledger row): what goes, what stays, batches, two runs at once, the window.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RetentionScenarios {

    private static final Duration DAY = Duration.ofDays(1);
    private static final Consumer<Map<String, Long>> NO_PROGRESS = deletedSoFar -> { };

    private DataSource dataSource;
    private JdbcTemplate jdbc;
    private ProcessEngine engine;
    private final MutableClock clock = new MutableClock();

    /** A fresh, empty database of this test's own. */
    abstract DataSource newDatabase();

    abstract String vendor();

    @BeforeAll
    void migrate() {
        dataSource = newDatabase();
        engine = migrated(dataSource, vendor());
        engine.getRepositoryService().createDeployment().addModelInstance("waiting.bpmn",
                Bpmn.createExecutableProcess("Waiting").camundaHistoryTimeToLive(1)
                        .startEvent().userTask("UserTask_Wait").endEvent().done()).deploy();
        jdbc = new JdbcTemplate(dataSource);
    }

    /** The application's Flyway migrations for the vendor, and a real Camunda engine's own tables, on a database. */
    static ProcessEngine migrated(DataSource dataSource, String vendor) {
        Flyway.configure().dataSource(dataSource).table("handover_schema_history")
                .locations("classpath:db/migration", "classpath:db/vendor/" + vendor).load().migrate();
        StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
        configuration.setDataSource(dataSource);
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        configuration.setHistory(ProcessEngineConfiguration.HISTORY_NONE);
        configuration.setJobExecutorActivate(false);
        configuration.setMetricsEnabled(false);
        configuration.setProcessEngineName("retention-" + UUID.randomUUID());
        return configuration.buildProcessEngine();
    }

    @AfterAll
    void closeEngine() {
        engine.close();
        closeDatabase();
    }

    void closeDatabase() {
    }

    @BeforeEach
    void emptyTables() {
        clock.set(Instant.now());
        for (String table : List.of("outbox_remote_part", "outbox_message", "inbound_message", "quarantined_input",
                "fft_reply", "fft_conversation", "chc_case", "encounter_dispatch", "hospital_event", "mesh_inbound_message",
                "retention_run")) {
            jdbc.update("delete from " + table);
        }
    }

    @Test
    void oldFinishedMessagesGoAndYoungOrUnfinishedOnesStay() {
        for (String status : List.of("DELIVERED", "ACKNOWLEDGED", "UNDELIVERABLE", "ABANDONED")) {
            message("old-" + status, "sms", status, null, 91);
            message("young-" + status, "sms", status, null, 89);
        }
        message("old-mail-sent", "social-care", "SENT", null, 91);
        for (String status : List.of("PENDING", "QUEUED", "SENDING", "FAILED", "DEAD")) {
            message("old-" + status, "gp", status, null, 400);
        }
        message("old-sms-awaiting-receipt", "sms", "SENT", null, 400);
        message("old-mesh-awaiting-ack", "gp", "SENT", null, 400);

        RetentionRun run = job(500).run("test", false, NO_PROGRESS);

        assertThat(run.deleted()).containsEntry("outbox_message", 5L);
        assertThat(ids("outbox_message")).containsExactlyInAnyOrder("young-DELIVERED", "young-ACKNOWLEDGED",
                "young-UNDELIVERABLE", "young-ABANDONED", "old-PENDING", "old-QUEUED", "old-SENDING", "old-FAILED",
                "old-DEAD", "old-sms-awaiting-receipt", "old-mesh-awaiting-ack");
        assertThat(run.oldestKept().get("outbox_message")).isBetween(Duration.ofDays(89), Duration.ofDays(90));
    }

    @Test
    void theRemotePartsOfALongTextGoWithItsMessage() {
        message("old", "sms", "DELIVERED", null, 91);
        message("young", "sms", "DELIVERED", null, 10);
        jdbc.update("insert into outbox_remote_part (channel, remote_id, message_id) values ('sms', 'r-old-2', 'old')");
        jdbc.update("insert into outbox_remote_part (channel, remote_id, message_id) values ('sms', 'r-young-2', 'young')");

        job(500).run("test", false, NO_PROGRESS);

        assertThat(jdbc.queryForList("select remote_id from outbox_remote_part", String.class)).containsExactly("r-young-2");
    }

    @Test
    void aMessageSomethingStillNeedsStays() {
        String runningKey = "episode-" + UUID.randomUUID();
        engine.getRuntimeService().startProcessInstanceByKey("Waiting", runningKey);
        message("of-a-running-process", "gp", "DELIVERED", runningKey, 200);
        String failedDelivery = "dead-" + UUID.randomUUID();
        engine.getRuntimeService().startProcessInstanceByKey("Waiting", failedDelivery); // Delivery failed: key = message id
        message(failedDelivery, "gp", "ABANDONED", null, 200);
        conversation("fft-open", "AWAITING_COMMENT");
        message("of-an-open-conversation", "sms", "DELIVERED", "fft-open", 200);
        conversation("fft-ended", "ENDED");
        message("of-an-ended-conversation", "sms", "DELIVERED", "fft-ended", 200);
        chcCase("chc-1");
        message("letter-of-a-chc-case", "social-care", "SENT", "chc-1", 200);
        message("of-a-finished-process", "gp", "DELIVERED", "episode-long-finished", 200);

        job(500).run("test", false, NO_PROGRESS);

        assertThat(ids("outbox_message")).containsExactlyInAnyOrder("of-a-running-process", failedDelivery,
                "of-an-open-conversation", "letter-of-a-chc-case");
    }

    @Test
    void processedInboundMessagesGoOnceOldUnlessTheirConversationIsOpen() {
        inbound("old-processed", 91, 91);
        inbound("young-processed", 91, 30);
        inbound("old-unprocessed", 400, null);
        conversation("fft-waiting", "AWAITING_COMMENT");
        inbound("reply-to-open-conversation", 100, 100);
        jdbc.update("""
                insert into fft_reply (id, conversation_id, mobile, received_at, classification, text, answered)
                values ('reply-to-open-conversation', 'fft-waiting', '+447700900123', ?, 'ANSWER', '1', true)
                """, ago(100));

        RetentionRun run = job(500).run("test", false, NO_PROGRESS);

        assertThat(run.deleted()).containsEntry("inbound_message", 1L);
        assertThat(ids("inbound_message")).containsExactlyInAnyOrder("young-processed", "old-unprocessed",
                "reply-to-open-conversation");
    }

    @Test
    void reviewedQuarantineEntriesGoAYearAfterReviewAndUnreviewedOnesNever() {
        quarantined("reviewed-long-ago", 800, 366);
        quarantined("reviewed-lately", 800, 300);
        quarantined("never-reviewed", 2000, null);

        RetentionRun run = job(500).run("test", false, NO_PROGRESS);

        assertThat(run.deleted()).containsEntry("quarantined_input", 1L);
        assertThat(ids("quarantined_input")).containsExactlyInAnyOrder("reviewed-lately", "never-reviewed");
    }

    @Test
    void hospitalEventsGoOnceOldUnlessTheirEventsStillWaitForDispatchOrAPerson() {
        hospitalEvent("old-dispatched", 91);
        dispatch("old-dispatched", "DISPATCHED", 91);
        hospitalEvent("old-pending", 91);
        dispatch("old-pending", "PENDING", null);
        hospitalEvent("old-quarantined", 200);
        dispatch("old-quarantined", "QUARANTINED", null);
        hospitalEvent("old-published-nothing", 91);
        hospitalEvent("young", 89);
        dispatch("young", "DISPATCHED", 89);

        RetentionRun run = job(500).run("test", false, NO_PROGRESS);

        assertThat(run.deleted()).containsEntry("hospital_event", 2L).containsEntry("encounter_dispatch", 1L);
        assertThat(ids("hospital_event")).containsExactlyInAnyOrder("old-pending", "old-quarantined", "young");
        assertThat(jdbc.queryForList("select hospital_event_id from encounter_dispatch", String.class))
                .containsExactlyInAnyOrder("old-pending", "old-quarantined", "young");
    }

    @Test
    void dispatchedEventsAreDeletedInPagesOfTheirNumericKey() {
        for (int i = 0; i < 23; i++) {
            hospitalEvent("event-" + i, 95);
            dispatch("event-" + i, "DISPATCHED", 95 - i % 3); // ties on the time: pages cut them by seq
        }

        RetentionRun run = job(5).run("test", false, NO_PROGRESS);

        assertThat(run.deleted()).containsEntry("encounter_dispatch", 23L).containsEntry("hospital_event", 23L);
        assertThat(jdbc.queryForObject("select count(*) from encounter_dispatch", Integer.class)).isZero();
    }

    @Test
    void messagesTakenFromTheMeshInboxGoOnceOld() {
        meshInbound("old", 91);
        meshInbound("young", 89);

        RetentionRun run = job(500).run("test", false, NO_PROGRESS);

        assertThat(run.deleted()).containsEntry("mesh_inbound_message", 1L);
        assertThat(jdbc.queryForList("select mesh_message_id from mesh_inbound_message", String.class))
                .containsExactly("young");
    }

    @Test
    void deletesInBatchesAndCountsEveryRow() {
        for (int i = 0; i < 53; i++) {
            message("old-" + i, "sms", "DELIVERED", null, 100 + i / 10); // ten at a time finished together: pages cut ties
        }
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        RetentionRun run = job(7, registry).run("test", false, NO_PROGRESS);

        assertThat(run.deleted()).containsEntry("outbox_message", 53L);
        assertThat(ids("outbox_message")).isEmpty();
        assertThat(registry.get("handover.retention.deleted").tag("table", "outbox_message").counter().count())
                .isEqualTo(53.0);
        assertThat(registry.get("handover.retention.oldest.kept.age").tag("table", "outbox_message").gauge().value())
                .isZero();
    }

    @Test
    void rowsKeptAtTheOldestEndDoNotStopTheRowsBehindThem() {
        chcCase("chc-kept");
        for (int i = 0; i < 20; i++) {
            message("letter-" + i, "social-care", "SENT", "chc-kept", 300);
        }
        for (int i = 0; i < 30; i++) {
            message("old-" + i, "sms", "DELIVERED", null, 100);
        }

        RetentionRun run = job(7).run("test", false, NO_PROGRESS);

        assertThat(run.deleted()).containsEntry("outbox_message", 30L);
        assertThat(ids("outbox_message")).hasSize(20).allMatch(id -> id.startsWith("letter-"));
        assertThat(run.oldestKept().get("outbox_message")).isGreaterThan(Duration.ofDays(299));
    }

    @Test
    void twoNodesRunningAtOnceDeleteEachRowOnce() throws Exception {
        int rows = 600;
        List<Object[]> batch = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            batch.add(new Object[] {"old-" + i, ago(100 + i % 50)});
        }
        jdbc.batchUpdate("""
                insert into outbox_message (id, channel, recipient, message_type, payload, status, next_attempt_at,
                    created_at, updated_at)
                values (?, 'sms', '+447700900123', 'Test', 'text', 'DELIVERED', ?, ?, ?)
                """, batch.stream().map(row -> new Object[] {row[0], row[1], row[1], row[1]}).toList());
        SimpleMeterRegistry nodeA = new SimpleMeterRegistry();
        SimpleMeterRegistry nodeB = new SimpleMeterRegistry();
        RetentionJob a = job(10, nodeA);
        RetentionJob b = job(10, nodeB);

        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            Future<RetentionRun> runA = nodes.submit((Callable<RetentionRun>) () -> a.run("node a", false, NO_PROGRESS));
            Future<RetentionRun> runB = nodes.submit((Callable<RetentionRun>) () -> b.run("node b", false, NO_PROGRESS));
            long deleted = runA.get().deleted().get("outbox_message") + runB.get().deleted().get("outbox_message");

            assertThat(deleted).isEqualTo(rows);
        } finally {
            nodes.shutdownNow();
        }
        assertThat(ids("outbox_message")).isEmpty();
        double counted = nodeA.get("handover.retention.deleted").tag("table", "outbox_message").counter().count()
                + nodeB.get("handover.retention.deleted").tag("table", "outbox_message").counter().count();
        assertThat(counted).isEqualTo(rows);
    }

    @Test
    void theNightlyRunWaitsForTheWindowAndRunsOnceANight() {
        message("old", "sms", "DELIVERED", null, 100);
        RetentionJob job = job(500);

        clock.set(Instant.parse("2026-12-04T00:30:00Z")); // London is on UTC in December
        job.runIfDue();
        assertThat(ids("outbox_message")).containsExactly("old");

        clock.set(Instant.parse("2026-12-04T01:10:00Z"));
        job.runIfDue();
        assertThat(ids("outbox_message")).isEmpty();

        message("finished-later", "sms", "DELIVERED", null, 100);
        clock.set(Instant.parse("2026-12-04T01:20:00Z"));
        job.runIfDue();
        assertThat(ids("outbox_message")).as("finished for tonight").containsExactly("finished-later");

        clock.set(Instant.parse("2026-12-05T01:00:00Z"));
        job.runIfDue();
        assertThat(ids("outbox_message")).isEmpty();
    }

    @Test
    void theNightIsRunOnceOverBothNodesAndTheOtherNodeSaysSo() {
        message("old", "sms", "DELIVERED", null, 100);
        SimpleMeterRegistry registryB = new SimpleMeterRegistry();
        RetentionJob nodeA = job(500);
        RetentionJob nodeB = job(500, registryB);

        clock.set(Instant.parse("2026-12-04T01:10:00Z"));
        nodeA.runIfDue();
        message("finished-later", "sms", "DELIVERED", null, 100);
        clock.set(Instant.parse("2026-12-04T01:15:00Z"));
        nodeB.runIfDue();

        assertThat(ids("outbox_message")).as("node a did tonight's run").containsExactly("finished-later");
        assertThat(registryB.get("handover.retention.last.run").gauge().value())
                .isEqualTo(Instant.parse("2026-12-04T01:10:00Z").getEpochSecond());
    }

    @Test
    void noRunStartsWhileAnotherNodesRunIsRunningUnlessThatNodeWentSilent() {
        message("old", "sms", "DELIVERED", null, 100);
        RetentionRuns runs = new RetentionRuns(jdbc, clock);
        clock.set(Instant.parse("2026-12-04T01:10:00Z"));
        RetentionRuns.Claim otherNode = runs.claim("admin", "admin");
        RetentionJob job = job(500);

        clock.set(Instant.parse("2026-12-04T01:14:00Z"));
        job.runIfDue();
        assertThat(ids("outbox_message")).as("the other node's run holds the slot").containsExactly("old");
        assertThat(job.startNow("admin2").outcome()).isEmpty();
        assertThat(job.startNow("admin2").runId()).isEqualTo(otherNode.runId());

        clock.set(Instant.parse("2026-12-04T01:16:00Z"));
        job.runIfDue();
        assertThat(ids("outbox_message")).as("silent for 6 minutes: taken for stopped").isEmpty();
        assertThat(runs.find(otherNode.runId()).orElseThrow().state()).isEqualTo(RetentionRunState.FAILED);
        assertThatThrownBy(() -> runs.progress(otherNode.runId(), Map.of("outbox_message", 1L)))
                .as("the run taken for stopped stops at its next batch").isInstanceOf(IllegalStateException.class);
    }

    private RetentionJob job(int batchSize) {
        return job(batchSize, new SimpleMeterRegistry());
    }

    private RetentionJob job(int batchSize, SimpleMeterRegistry registry) {
        RetentionProperties properties = new RetentionProperties(true, LocalTime.of(1, 0), LocalTime.of(5, 0),
                ZoneId.of("Europe/London"),
                Duration.ofMinutes(1), batchSize, Duration.ZERO, Duration.ofDays(90), Duration.ofDays(90),
                Duration.ofDays(365), Duration.ofDays(90), Duration.ofDays(90), Duration.ofDays(90));
        return new RetentionJob(jdbc, dataSource, properties, new RetentionMetrics(registry),
                new RetentionRuns(jdbc, clock), clock);
    }

    private Timestamp ago(int days) {
        return Timestamp.from(clock.instant().minus(DAY.multipliedBy(days)));
    }

    private void message(String id, String channel, String status, String correlationKey, int finishedDaysAgo) {
        Timestamp finished = ago(finishedDaysAgo);
        jdbc.update("""
                insert into outbox_message (id, channel, recipient, message_type, correlation_key, payload, status,
                    next_attempt_at, created_at, updated_at)
                values (?, ?, 'recipient', 'Test', ?, 'payload', ?, ?, ?, ?)
                """, id, channel, correlationKey, status, finished, ago(finishedDaysAgo + 1), finished);
    }

    private void inbound(String id, int receivedDaysAgo, Integer processedDaysAgo) {
        jdbc.update("""
                insert into inbound_message (id, channel, sender, remote_id, body, received_at, processed_at)
                values (?, 'sms', '+447700900123', ?, 'text', ?, ?)
                """, id, "remote-" + id, ago(receivedDaysAgo), processedDaysAgo == null ? null : ago(processedDaysAgo));
    }

    private void quarantined(String id, int receivedDaysAgo, Integer reviewedDaysAgo) {
        jdbc.update("""
                insert into quarantined_input (id, source, reason, payload, received_at, reviewed_by, reviewed_at)
                values (?, 'test', 'refused', 'payload', ?, ?, ?)
                """, id, ago(receivedDaysAgo), reviewedDaysAgo == null ? null : "admin",
                reviewedDaysAgo == null ? null : ago(reviewedDaysAgo));
    }

    private void hospitalEvent(String id, int receivedDaysAgo) {
        jdbc.update("""
                insert into hospital_event (id, sender, message_id, source, event_type, episode_id, nhs_number, outcome,
                    received_at, payload)
                values (?, 'PAS^RX1', ?, 'hl7v2', 'A03', ?, '9990000018', 'discharged', ?, 'MSH|...')
                """, id, "control-" + id, "episode-" + id, ago(receivedDaysAgo));
    }

    private void dispatch(String hospitalEventId, String state, Integer dispatchedDaysAgo) {
        jdbc.update("""
                insert into encounter_dispatch (hospital_event_id, episode_id, summary, events, state, attempts,
                    created_at, next_attempt_at, dispatched_at)
                values (?, ?, 'A03: PatientDischarged', '[]', ?, 1, ?, ?, ?)
                """, hospitalEventId, "episode-" + hospitalEventId, state, ago(200), ago(200),
                dispatchedDaysAgo == null ? null : ago(dispatchedDaysAgo));
    }

    private void meshInbound(String id, int receivedDaysAgo) {
        jdbc.update("""
                insert into mesh_inbound_message (mesh_message_id, message_type, outcome, received_at)
                values (?, 'DATA', 'business ack recorded', ?)
                """, id, ago(receivedDaysAgo));
    }

    private void conversation(String id, String state) {
        jdbc.update("""
                insert into fft_conversation (id, encounter_id, source, setting, organisation_code, encounter_ended_at,
                    state, decision, rules_fired, created_at, updated_at)
                values (?, ?, 'api', 'inpatient', 'RX1', ?, ?, 'test', 'test', ?, ?)
                """, id, "encounter-" + id, ago(200), state, ago(200), ago(200));
    }

    private void chcCase(String id) {
        jdbc.update("""
                insert into chc_case (id, source, pathway, status, nhs_number, patient_name, gp_practice_ods, referrer,
                    reason, created_at, updated_at)
                values (?, 'api', 'standard', 'CLOSED', '9990000018', 'Test Patient', 'A81001', 'Dr Test', 'test', ?, ?)
                """, id, ago(300), ago(300));
    }

    private List<String> ids(String table) {
        return jdbc.queryForList("select id from " + table, String.class);
    }
}
