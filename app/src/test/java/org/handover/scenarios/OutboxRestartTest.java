package org.handover.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.handover.HandoverApplication;
import org.handover.messaging.Outbox;
import org.handover.messaging.Outbox.OutboxEntry;
import org.handover.routes.delivery.Channel;
import org.handover.support.Http;
import org.handover.support.SandboxEnvironment;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A message accepted into the outbox survives the application stopping before delivery: after a restart on the
 * same data folder it is delivered, and the receiver sees it exactly once.
 */
class OutboxRestartTest {

    private final SandboxEnvironment environment = new SandboxEnvironment();

    @Test
    void aQueuedMessageSurvivesARestartAndIsDeliveredExactlyOnce() {
        String id = UUID.randomUUID().toString();

        // First life: the message is committed and relayed onto the broker, but no channel route is running.
        try (ConfigurableApplicationContext first = start(Map.of("camel.main.auto-startup", false))) {
            first.getBean(TransactionTemplate.class).executeWithoutResult(status -> first.getBean(Outbox.class).send(
                    new OutboxEntry(id, Channel.GP, "A81001OT001", "RestartMessage", "case-" + id, "payload " + id,
                            Map.of("meshWorkflowId", "TOC_FHIR_IP_DISCH"))));
            JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> "QUEUED".equals(statusOf(jdbc, id)));
            assertThat(meshCopies(id)).isZero();
        }

        // Second life, on the same database and broker journal: the route picks the message up from the journal.
        try (ConfigurableApplicationContext second = start(Map.of())) {
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> "SENT".equals(statusOf(jdbc, id)));
            assertThat(meshCopies(id)).isEqualTo(1);
            assertThat(jdbc.queryForObject("select attempts from outbox_message where id = ?", Integer.class, id))
                    .isEqualTo(1);
        }
    }

    private ConfigurableApplicationContext start(Map<String, Object> extra) {
        Map<String, Object> properties = new java.util.HashMap<>(environment.properties());
        properties.putAll(extra);
        // As command-line arguments: they outrank application.yaml, as the test's ports and folders must.
        String[] arguments = properties.entrySet().stream()
                .map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(HandoverApplication.class).run(arguments);
    }

    private static String statusOf(JdbcTemplate jdbc, String id) {
        return jdbc.queryForList("select status from outbox_message where id = ?", String.class, id)
                .stream().findFirst().orElse(null);
    }

    private long meshCopies(String localId) {
        long copies = 0;
        for (JsonNode mailbox : Http.as(environment.baseUrl(), "admin").getJson("/sandbox/api/gp-mailboxes?limit=500")) {
            for (JsonNode message : mailbox.path("messages")) {
                if (localId.equals(message.path("localId").asText())) {
                    copies++;
                }
            }
        }
        return copies;
    }
}
