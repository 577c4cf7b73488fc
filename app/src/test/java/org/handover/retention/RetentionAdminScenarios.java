package org.handover.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.handover.HandoverApplication;
import org.handover.support.Http;
import org.handover.support.SandboxEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

/**
 * An administrator's retention run over HTTP, as a proxy sees it: answered at once with the run's address, followed
 * there to its end, refused while one runs, its failure reported; audited and counted.
 */
@SpringBootTest(classes = {HandoverApplication.class, GatedRetentionRuns.Config.class},
        webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = "handover.retention.enabled=false") // the nightly run must not take the slot during a test
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class RetentionAdminScenarios {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final AtomicInteger NEXT = new AtomicInteger();

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    GatedRetentionRuns gate;
    @Autowired
    MeterRegistry meters;

    abstract SandboxEnvironment environment();

    @AfterEach
    void noRunLeftRunning() {
        gate.open();
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject(
                "select count(*) from retention_run where running = 1", Integer.class) == 0);
    }

    @Test
    void theRunAnswersAtOnceAndIsFollowedToItsEndWithWhatItDeleted() throws InterruptedException {
        List<String> old = oldDeliveredMessages(3);
        double countedBefore = deletedCounted();
        gate.close();

        assertThat(as("consultant").post("/api/admin/retention/run", "{}").statusCode()).isEqualTo(403);
        HttpResponse<String> started = as("admin").post("/api/admin/retention/run", "{}");

        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String location = started.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("/api/admin/retention/runs/");
        String runId = location.substring(location.lastIndexOf('/') + 1);
        assertThat(Http.parse(started.body()).path("state").asText()).isEqualTo("RUNNING");
        gate.awaitRunHeld();
        JsonNode running = as("admin").getJson(location);
        assertThat(running.path("state").asText()).isEqualTo("RUNNING");
        assertThat(running.path("startedBy").asText()).isEqualTo("admin");
        assertThat(running.path("deleted").path("outbox_message").asLong()).as("deleted so far").isEqualTo(3);

        gate.open();
        JsonNode finished = awaitEnd(location);

        assertThat(finished.path("state").asText()).isEqualTo("FINISHED");
        assertThat(finished.path("complete").asBoolean()).isTrue();
        assertThat(finished.path("deleted").path("outbox_message").asLong()).isEqualTo(3);
        assertThat(finished.path("deleted").has("quarantined_input")).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from outbox_message where id in (?, ?, ?)", Integer.class,
                old.toArray())).isZero();
        assertThat(deletedCounted()).isEqualTo(countedBefore + 3);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(audited(runId)).hasSize(2)
                .contains("Started retention run " + runId)
                .anyMatch(line -> line.startsWith("Retention run " + runId + " deleted {outbox_message=3, ")));
    }

    @Test
    void aSecondRequestWhileARunIsRunningIsRefusedWithThatRunsAddress() throws InterruptedException {
        oldDeliveredMessages(2);
        gate.close();
        HttpResponse<String> first = as("admin").post("/api/admin/retention/run", "{}");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        String location = first.headers().firstValue("Location").orElseThrow();
        gate.awaitRunHeld();
        int runs = runsRecorded();

        HttpResponse<String> second = as("admin").post("/api/admin/retention/run", "{}");

        assertThat(second.statusCode()).as(second.body()).isEqualTo(409);
        assertThat(second.headers().firstValue("Location")).contains(location);
        assertThat(Http.parse(second.body()).path("run").asText()).isEqualTo(location);
        assertThat(runsRecorded()).as("the refused request started nothing").isEqualTo(runs);

        gate.open();
        assertThat(awaitEnd(location).path("state").asText()).isEqualTo("FINISHED");
        HttpResponse<String> afterwards = as("admin").post("/api/admin/retention/run", "{}");
        assertThat(afterwards.statusCode()).as(afterwards.body()).isEqualTo(202);
    }

    @Test
    void aRunThatFailsSaysWhyAndWhatItHadDeleted() throws InterruptedException {
        oldDeliveredMessages(2);
        gate.close();
        HttpResponse<String> started = as("admin").post("/api/admin/retention/run", "{}");
        String location = started.headers().firstValue("Location").orElseThrow();
        String runId = location.substring(location.lastIndexOf('/') + 1);
        gate.awaitRunHeld();

        gate.openWithFailure(new DataAccessResourceFailureException("the database went away"));
        JsonNode failed = awaitEnd(location);

        assertThat(failed.path("state").asText()).isEqualTo("FAILED");
        assertThat(failed.path("failure").asText()).isEqualTo("the database went away");
        assertThat(failed.path("deleted").path("outbox_message").asLong()).as("deleted before it failed").isEqualTo(2);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(audited(runId))
                .contains("Retention run " + runId + " failed: the database went away"));
        assertThat(as("admin").get("/api/admin/retention/runs/no-such-run").statusCode()).isEqualTo(404);
    }

    private JsonNode awaitEnd(String location) {
        return await().atMost(PATIENCE).until(() -> as("admin").getJson(location),
                run -> !run.path("state").asText().equals("RUNNING"));
    }

    private int runsRecorded() {
        return jdbc.queryForObject("select count(*) from retention_run", Integer.class);
    }

    private List<String> oldDeliveredMessages(int count) {
        Timestamp longAgo = Timestamp.from(Instant.now().minus(Duration.ofDays(120)));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = "retention-admin-" + NEXT.incrementAndGet();
            jdbc.update("""
                    insert into outbox_message (id, channel, recipient, message_type, payload, status, next_attempt_at,
                        created_at, updated_at)
                    values (?, 'sms', '+447700900123', 'Test', 'text', 'DELIVERED', ?, ?, ?)
                    """, id, longAgo, longAgo, longAgo);
            ids.add(id);
        }
        return ids;
    }

    private double deletedCounted() {
        Counter counter = meters.find("handover.retention.deleted").tag("table", "outbox_message").counter();
        return counter == null ? 0 : counter.count();
    }

    private List<String> audited(String runId) {
        return jdbc.queryForList("select reason from audit_event where user_id = 'admin' and resource = 'retention'"
                + " and reason like ?", String.class, "%" + runId + "%");
    }

    private Http as(String user) {
        return Http.as(environment().baseUrl(), user);
    }
}
