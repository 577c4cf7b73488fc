package org.handover.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.handover.sandbox.NotifySimulator.NotifyError;
import org.handover.support.TestDatabase;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.gov.service.notify.Authentication;

/** The Notify simulator's checks, with tokens signed by the Notify client's own {@link Authentication}. */
class NotifySimulatorTest {

    static final String SERVICE_ID = "3d2f4c1e-8b7a-4e5f-9c0d-1a2b3c4d5e6f";
    static final String SECRET = "7a8b9c0d-1e2f-4a3b-8c5d-6e7f8a9b0c1d";
    static final String API_KEY = "test-" + SERVICE_ID + "-" + SECRET;
    static final String TEMPLATE_ID = "f6a8e1c2-3b4d-4e5f-8a9b-0c1d2e3f4a5b";
    private static final String SEND = """
            {"phone_number":"07700 900123","template_id":"%s","personalisation":{"message":"%s"},"reference":"ref-1"}""";

    private static DataSource dataSource;
    private SmsStore store;
    private Faults faults;

    @BeforeAll
    static void database() {
        dataSource = TestDatabase.migrated();
    }

    @BeforeEach
    void setUp() {
        store = new SmsStore(dataSource);
        store.deleteAll();
        faults = new Faults(Duration.ofSeconds(1), Clock.systemUTC());
    }

    @Test
    void aSignedSendLandsOnThePhoneWithItsReceiptOwed() {
        ObjectNode answer = simulator(3000).sendSms(bearer(new Authentication().create(SERVICE_ID, SECRET)),
                SEND.formatted(TEMPLATE_ID, "Hello"));
        String id = answer.path("id").asText();
        assertThat(answer.path("reference").asText()).isEqualTo("ref-1");
        assertThat(answer.path("content").path("body").asText()).isEqualTo("Hello");
        ShortMessage stored = store.find(id).orElseThrow();
        assertThat(stored.phone()).isEqualTo("+447700900123");
        assertThat(stored.clientReference()).isEqualTo("ref-1");
        assertThat(stored.state()).isEqualTo(ShortMessage.State.RECEIPT_PENDING);
        assertThat(store.due(SmsStore.NOTIFY, stored.deliverAfter(), 10)).extracting(ShortMessage::id).contains(id);
        assertThat(store.due(SmsStore.SMPP, stored.deliverAfter(), 10)).as("not the SMPP centre's to hand over")
                .isEmpty();
    }

    @Test
    void tokensAreCheckedAsNotifyChecksThem() {
        NotifySimulator notify = simulator(3000);
        String body = SEND.formatted(TEMPLATE_ID, "Hello");
        assertThat(status(() -> notify.sendSms(null, body))).isEqualTo(401);
        assertThat(status(() -> notify.sendSms(bearer(new Authentication().create(SERVICE_ID,
                "00000000-0000-4000-8000-000000000000")), body))).as("signed with another secret").isEqualTo(403);
        assertThat(status(() -> notify.sendSms(bearer(new Authentication().create(
                "00000000-0000-4000-8000-000000000000", SECRET)), body))).as("another service").isEqualTo(403);
        assertThat(status(() -> notify.sendSms(bearer(issuedSecondsAgo(120)), body))).as("stale").isEqualTo(403);
        assertThat(store.recent(10)).isEmpty();
    }

    @Test
    void requestsAreValidatedAsNotifyValidatesThem() {
        NotifySimulator notify = simulator(3000);
        String token = bearer(new Authentication().create(SERVICE_ID, SECRET));
        assertThat(status(() -> notify.sendSms(token, SEND.formatted("00000000-0000-4000-8000-000000000000", "x"))))
                .isEqualTo(400);
        assertThat(status(() -> notify.sendSms(token, "{\"phone_number\":\"12\",\"template_id\":\"" + TEMPLATE_ID
                + "\",\"personalisation\":{\"message\":\"x\"}}"))).isEqualTo(400);
        assertThat(status(() -> notify.sendSms(token, "{\"phone_number\":\"07700900123\",\"template_id\":\""
                + TEMPLATE_ID + "\"}"))).as("no personalisation").isEqualTo(400);
        assertThat(status(() -> notify.sendSms(token, SEND.formatted(TEMPLATE_ID, "x".repeat(919))))).isEqualTo(400);
        assertThat(status(() -> notify.sendSms(token, "not json"))).isEqualTo(400);
    }

    @Test
    void theRateLimitAnswers429() {
        NotifySimulator notify = simulator(3);
        String token = bearer(new Authentication().create(SERVICE_ID, SECRET));
        for (int i = 0; i < 3; i++) {
            notify.sendSms(token, SEND.formatted(TEMPLATE_ID, "Hello " + i));
        }
        assertThat(status(() -> notify.sendSms(token, SEND.formatted(TEMPLATE_ID, "one too many")))).isEqualTo(429);
    }

    @Test
    void faultsOnTheSmsChannelBecomeNotifyErrors() {
        NotifySimulator notify = simulator(3000);
        String token = bearer(new Authentication().create(SERVICE_ID, SECRET));
        faults.set("sms", "smpp-throttled", 1, null);
        assertThat(status(() -> notify.sendSms(token, SEND.formatted(TEMPLATE_ID, "a")))).isEqualTo(429);
        faults.set("sms", "http-400", 1, null);
        assertThat(status(() -> notify.sendSms(token, SEND.formatted(TEMPLATE_ID, "b")))).isEqualTo(400);
        faults.set("sms", "http-500", 1, null);
        assertThat(status(() -> notify.sendSms(token, SEND.formatted(TEMPLATE_ID, "c")))).isEqualTo(500);
    }

    private NotifySimulator simulator(int requestsPerMinute) {
        return new NotifySimulator(API_KEY, TEMPLATE_ID, "NHSTrust", requestsPerMinute, "http://127.0.0.1:1", "token",
                Duration.ofMillis(50), Duration.ofSeconds(1), store, faults, Clock.systemUTC());
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    private static String issuedSecondsAgo(int seconds) {
        try {
            JwtClaims claims = new JwtClaims();
            claims.setIssuer(SERVICE_ID);
            NumericDate issued = NumericDate.now();
            issued.addSeconds(-seconds);
            claims.setIssuedAt(issued);
            JsonWebSignature jws = new JsonWebSignature();
            jws.setAlgorithmHeaderValue("HS256");
            jws.setPayload(claims.toJson());
            jws.setKey(new HmacKey(SECRET.getBytes(StandardCharsets.UTF_8)));
            jws.setDoKeyValidation(false);
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int status(Runnable call) {
        try {
            call.run();
        } catch (NotifyError e) {
            return e.status;
        }
        throw new AssertionError("the simulator accepted it");
    }
}
