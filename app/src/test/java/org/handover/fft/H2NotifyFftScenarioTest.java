package org.handover.fft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import org.handover.support.Http;
import org.handover.support.SandboxEnvironment;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every FFT scenario again with GOV.UK Notify as the SMS provider: Notify's Java client sends to the sandbox's Notify
 * simulator (real HTTP, JWT checked), and receipts and the patient's replies come back as Notify's callbacks. Also the
 * callbacks' own guards: bearer token, validation, repeats.
 */
@ActiveProfiles("sandbox")
class H2NotifyFftScenarioTest extends FftScenarios {

    static final SandboxEnvironment ENVIRONMENT = new SandboxEnvironment();
    static final String CALLBACK_TOKEN = "test-callback-token-" + UUID.randomUUID();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ENVIRONMENT.register(registry);
        fftProperties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("handover.sms.provider", () -> "notify");
        registry.add("handover.notify.callback-token", () -> CALLBACK_TOKEN);
    }

    @Override
    SandboxEnvironment environment() {
        return ENVIRONMENT;
    }

    @Test
    void callbacksWithoutTheTokenOrWithAWrongOneAreRefusedAndNotStored() {
        String id = UUID.randomUUID().toString();
        String body = receivedText(id, "447700900999", "2");
        assertThat(Http.anonymous(environment().baseUrl()).post("/api/notify/received-texts", body).statusCode())
                .isEqualTo(401);
        assertThat(Http.withBearer(environment().baseUrl(), "wrong-" + CALLBACK_TOKEN)
                .post("/api/notify/received-texts", body).statusCode()).isEqualTo(401);
        assertThat(Http.withBearer(environment().baseUrl(), CALLBACK_TOKEN.substring(1))
                .post("/api/notify/delivery-receipts", "{\"id\":\"" + id + "\",\"status\":\"delivered\"}")
                .statusCode()).isEqualTo(401);
        assertThat(as("admin").post("/api/notify/received-texts", body).statusCode())
                .as("a Handover user is not Notify").isEqualTo(401);
        assertThat(inboundWithRemoteId("notify-" + id)).isZero();
    }

    @Test
    void aRepeatedReceivedTextCallbackIsStoredAndAnsweredOnce() {
        String id = UUID.randomUUID().toString();
        String stranger = nextMobile();
        String body = receivedText(id, stranger.substring(1), "Who is this?");
        Http notify = Http.withBearer(environment().baseUrl(), CALLBACK_TOKEN);
        assertThat(notify.post("/api/notify/received-texts", body).statusCode()).isEqualTo(200);
        assertThat(notify.post("/api/notify/received-texts", body).statusCode()).isEqualTo(200);
        assertThat(inboundWithRemoteId("notify-" + id)).isEqualTo(1);
        awaitText(stranger, "This number is only used by Test NHS Trust");
        await().during(Duration.ofSeconds(1)).atMost(PATIENCE).until(() -> textsTo(stranger).size() == 1);
        assertThat(jdbc.queryForObject("select count(*) from fft_reply where mobile = ?", Integer.class, stranger))
                .isEqualTo(1);
    }

    @Test
    void aCallbackThatIsNotNotifysIsRefusedWithTheReasonAndQuarantined() {
        Http notify = Http.withBearer(environment().baseUrl(), CALLBACK_TOKEN);
        var refused = notify.post("/api/notify/received-texts", "{\"id\":\"" + UUID.randomUUID()
                + "\",\"source_number\":\"not a number\",\"message\":\"2\"}");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("source_number");
        String quarantineId = Http.parse(refused.body()).path("quarantineId").asText();
        assertThat(jdbc.queryForObject("select source from quarantined_input where id = ?", String.class, quarantineId))
                .isEqualTo("notify-callback");
        assertThat(notify.post("/api/notify/delivery-receipts", "{\"id\":\"x\",\"status\":\"delivered\"}").statusCode())
                .isEqualTo(400);
        assertThat(notify.post("/api/notify/delivery-receipts", "{\"id\":\"" + UUID.randomUUID()
                + "\",\"status\":\"lost\"}").statusCode()).isEqualTo(400);
        assertThat(notify.post("/api/notify/delivery-receipts", "not json").statusCode()).isEqualTo(400);
    }

    @Test
    void notifyRefusingTheRequestIsPermanentAndItsServerErrorsAreRetried() {
        assertThat(as("admin").post("/sandbox/api/faults", "{\"channel\":\"sms\",\"mode\":\"http-400\",\"count\":1}")
                .statusCode()).isEqualTo(200);
        Patient refused = newPatient();
        String refusedEncounter = "ENC-NOTIFY-400-" + refused.nhsNumber();
        publish(encounter(refusedEncounter, refused, clock.instant().minus(Duration.ofHours(2))));
        await().atMost(PATIENCE).until(() -> "DEAD".equals(questionStatus(refusedEncounter)));
        assertThat(questionAttempts(refusedEncounter)).as("permanent: no retry").isEqualTo(1);

        assertThat(as("admin").post("/sandbox/api/faults", "{\"channel\":\"sms\",\"mode\":\"smpp-throttled\",\"count\":1}")
                .statusCode()).isEqualTo(200);
        Patient throttled = newPatient();
        String throttledEncounter = "ENC-NOTIFY-429-" + throttled.nhsNumber();
        publish(encounter(throttledEncounter, throttled, clock.instant().minus(Duration.ofHours(2))));
        await().atMost(PATIENCE).until(() -> "DELIVERED".equals(questionStatus(throttledEncounter)));
        assertThat(questionAttempts(throttledEncounter)).as("429 retried").isEqualTo(2);
    }

    private String questionStatus(String encounterId) {
        return jdbc.queryForList("""
                select o.status from outbox_message o join fft_conversation c on o.id = c.question_message_id
                where c.encounter_id = ?""", String.class, encounterId).stream().findFirst().orElse(null);
    }

    private int questionAttempts(String encounterId) {
        return jdbc.queryForObject("""
                select o.attempts from outbox_message o join fft_conversation c on o.id = c.question_message_id
                where c.encounter_id = ?""", Integer.class, encounterId);
    }

    private int inboundWithRemoteId(String remoteId) {
        return jdbc.queryForObject("select count(*) from inbound_message where remote_id = ?", Integer.class, remoteId);
    }

    private static String receivedText(String id, String from, String message) {
        return "{\"id\":\"" + id + "\",\"source_number\":\"" + from + "\",\"destination_number\":\"07700900000\","
                + "\"message\":" + json(message) + ",\"date_received\":\"2026-12-03T10:00:00.000000Z\"}";
    }
}
