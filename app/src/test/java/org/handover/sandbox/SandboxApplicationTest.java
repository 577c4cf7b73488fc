package org.handover.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The simulators inside the whole application in the sandbox profile (one shared context): they start with it, the
 * MESH server checks its own tokens behind Spring Security, and the page and API need a signed-in user.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:sandbox-app-test;DB_CLOSE_DELAY=-1",
        "handover.data-dir=target/sandbox-app-test",
        "spring.artemis.embedded.persistent=false",
        "spring.artemis.embedded.data-directory=target/sandbox-app-test/artemis",
        "handover.smtp.port=0",
        "handover.smpp.port=0",
        "handover.adt.mllp-host=127.0.0.1",
        "handover.adt.mllp-port=0"})
@ActiveProfiles("sandbox")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SandboxApplicationTest {

    private static final String MESH_SHARED_KEY = "sandbox-shared-key";
    private static final String MESH_PASSWORD = "sandbox-mesh-password";

    @LocalServerPort
    private int port;

    @Autowired
    private MessageCentre messageCentre;

    @Autowired
    private CouncilMailServer councilMailServer;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void simulatorsStartWithTheApplication() {
        assertThat(messageCentre.isRunning()).isTrue();
        assertThat(messageCentre.port()).isPositive();
        assertThat(councilMailServer.isRunning()).isTrue();
        assertThat(councilMailServer.port()).isPositive();
    }

    @Test
    void sandboxApiAndPageNeedASignedInUser() throws Exception {
        assertThat(get("/sandbox/api/summary", null).statusCode()).isEqualTo(401);
        assertThat(get("/sandbox", null).statusCode()).isEqualTo(401);

        HttpResponse<String> summary = get("/sandbox/api/summary", "admin:admin");
        assertThat(summary.statusCode()).isEqualTo(200);
        assertThat(summary.body()).contains("\"gpMessages\"");

        HttpResponse<String> page = get("/sandbox", "admin:admin");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("Reply as a patient").contains("/sandbox/assets/sandbox.js");
        assertThat(get("/sandbox/assets/sandbox.js", "admin:admin").statusCode()).isEqualTo(200);
        assertThat(get("/sandbox/assets/sandbox.css", "admin:admin").statusCode()).isEqualTo(200);
    }

    @Test
    void meshTakesNhsMeshTokensNotLogins() throws Exception {
        HttpResponse<String> anonymous = get("/messageexchange/RX1OT001", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).contains("errorDescription");

        String token = MeshTokens.token(MESH_SHARED_KEY, "RX1OT001", UUID.randomUUID().toString(), "1", Instant.now(),
                MESH_PASSWORD);
        HttpResponse<String> handshake = http.send(HttpRequest.newBuilder(uri("/messageexchange/RX1OT001"))
                .header("Authorization", token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(handshake.statusCode()).isEqualTo(200);
        assertThat(handshake.body()).contains("RX1OT001");

        HttpResponse<String> send = http.send(HttpRequest.newBuilder(uri("/messageexchange/RX1OT001/outbox"))
                .header("Authorization", MeshTokens.token(MESH_SHARED_KEY, "RX1OT001", UUID.randomUUID().toString(),
                        "1", Instant.now(), MESH_PASSWORD))
                .header("Mex-To", "A81001OT001")
                .header("Mex-WorkflowID", "TOC_FHIR_IP_DISCH")
                .header("Mex-LocalID", "app-test-1")
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"resourceType\":\"Bundle\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(send.statusCode()).isEqualTo(202);
        assertThat(get("/sandbox/api/gp-mailboxes", "admin:admin").body()).contains("app-test-1");
    }

    private HttpResponse<String> get(String path, String credentials) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (credentials != null) {
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
