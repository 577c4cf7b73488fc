package org.handover.fft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.handover.HandoverApplication;
import org.handover.encounter.EncounterEnded;
import org.handover.encounter.EncounterSetting;
import org.handover.support.Http;
import org.handover.support.SandboxEnvironment;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An FFT conversation survives restarts at each wait: scheduled before the node stops, the question goes after the
 * restart; a reply stored while the node was not processing is handled after the next restart. Four lives of the
 * application on the same data folder; "scheduler off" is a poll interval of an hour.
 */
class FftRestartTest {

    private static final String MOBILE = "+447700955501";
    private static final String ENCOUNTER = "ENC-RESTART-1";
    private final SandboxEnvironment environment = new SandboxEnvironment();

    @Test
    void aConversationCarriesOnAcrossRestarts() {
        try (ConfigurableApplicationContext first = start(false)) {
            first.getBean(TransactionTemplate.class).executeWithoutResult(status -> first.publishEvent(
                    new EncounterEnded(ENCOUNTER, "9990000026", "Test", "Patient", LocalDate.of(1970, 1, 1), MOBILE,
                            null, null, EncounterSetting.DAY_CASE, "RX101", "Day surgery", "Ophthalmology",
                            Instant.now().minus(Duration.ofHours(2)), false, List.of())));
            assertThat(column(first, "state")).isEqualTo("SCHEDULED");
        }
        try (ConfigurableApplicationContext second = start(true)) {
            await().atMost(Duration.ofSeconds(40)).until(() -> "DELIVERED".equals(column(second, "delivery_status")));
            assertThat(textsTo(MOBILE)).hasSize(1);
        }
        try (ConfigurableApplicationContext third = start(false)) {
            assertThat(Http.as(environment.baseUrl(), "admin").post("/sandbox/api/phones/%2B447700955501/replies",
                    "{\"text\":\"1\"}").statusCode()).isEqualTo(202);
            JdbcTemplate jdbc = third.getBean(JdbcTemplate.class);
            await().atMost(Duration.ofSeconds(40)).until(() -> jdbc.queryForObject(
                    "select count(*) from inbound_message where sender = ? and processed_at is null", Integer.class,
                    MOBILE) == 1);
            assertThat(column(third, "state")).isEqualTo("AWAITING_ANSWER");
        }
        try (ConfigurableApplicationContext fourth = start(true)) {
            await().atMost(Duration.ofSeconds(40)).until(() -> "AWAITING_COMMENT".equals(column(fourth, "state")));
            assertThat(column(fourth, "answer")).isEqualTo("1");
            await().atMost(Duration.ofSeconds(40)).until(() -> textsTo(MOBILE).stream()
                    .anyMatch(text -> text.contains("Please tell us why")));
            assertThat(textsTo(MOBILE)).hasSize(2);
        }
    }

    private ConfigurableApplicationContext start(boolean scheduler) {
        Map<String, Object> properties = new HashMap<>(environment.properties());
        properties.put("handover.fft.poll-interval", scheduler ? "200ms" : "1h");
        // whatever the time of day the test runs at
        properties.put("handover.fft.sending-start", "00:00");
        properties.put("handover.fft.sending-end", "23:59:59.999");
        String[] arguments = properties.entrySet().stream()
                .map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(HandoverApplication.class).run(arguments);
    }

    private static String column(ConfigurableApplicationContext context, String column) {
        List<String> values = context.getBean(JdbcTemplate.class).queryForList(
                "select " + column + " from fft_conversation where encounter_id = ?", String.class, ENCOUNTER);
        return values.isEmpty() ? null : values.get(0);
    }

    private List<String> textsTo(String mobile) {
        for (JsonNode phone : Http.as(environment.baseUrl(), "admin").getJson("/sandbox/api/phones")) {
            if (phone.path("number").asText().equals(mobile)) {
                return phone.path("texts").findValues("text").stream().map(JsonNode::asText).toList();
            }
        }
        return List.of();
    }
}
