package org.handover.routes.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.handover.routes.Envelopes;
import org.handover.routes.Messages;
import org.handover.routes.Queues;
import org.handover.routes.RecordingAttempts;
import org.handover.routes.RouteHarness;
import org.handover.routes.delivery.Channel;
import org.handover.routes.delivery.DeliveryAttempts.AfterFailure;
import org.handover.routes.delivery.DeliveryAttempts.Go;
import org.handover.routes.delivery.OutboundMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MeshRouteTest {

    private static final String MAILBOX = "X26OT001";
    private static final String PASSWORD = "password";
    private static final String SHARED_KEY = "BackBone";

    private final RecordingAttempts attempts = new RecordingAttempts();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 202;
    private volatile String answer = "{\"messageID\":\"20250314092653123456_ABCDEF\"}";
    private HttpServer mesh;
    private RouteHarness harness;

    record Request(String method, String path, Headers headers, String body) {
    }

    @BeforeEach
    void start() throws Exception {
        mesh = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        mesh.createContext("/messageexchange/", this::answer);
        mesh.start();
        harness = RouteHarness.start(new MeshRoute(attempts), properties("http://127.0.0.1:" + mesh.getAddress().getPort()));
    }

    @AfterEach
    void stop() {
        harness.close();
        mesh.stop(0);
    }

    @Test
    void postsToTheOutboxAndRecordsMeshsMessageId() {
        OutboundMessage message = gpMessage();

        Exchange exchange = harness.offer(Envelopes.write(message));

        assertThat(exchange.isFailed()).isFalse();
        assertThat(attempts.succeeded).containsExactly(
                new RecordingAttempts.Success(message, "20250314092653123456_ABCDEF"));
        assertThat(attempts.failed).isEmpty();
        assertThat(requests).hasSize(1);
        Request request = requests.get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/messageexchange/X26OT001/outbox");
        assertThat(request.body()).isEqualTo(message.payload());
        Headers headers = request.headers();
        assertThat(headers.getFirst("Mex-From")).isEqualTo(MAILBOX);
        assertThat(headers.getFirst("Mex-To")).isEqualTo("X26OT002");
        assertThat(headers.getFirst("Mex-WorkflowID")).isEqualTo("TOC_FHIR_IP_DISCH");
        assertThat(headers.getFirst("Mex-Subject")).isEqualTo("Inpatient discharge summary");
        assertThat(headers.getFirst("Mex-LocalID")).isEqualTo(message.id());
        assertThat(headers.getFirst("Mex-FileName")).isEqualTo(message.id() + ".json");
        assertThat(headers.getFirst("Mex-Content-Checksum")).isEqualTo(MeshRoute.checksum(message.payload()));
        assertThat(headers.getFirst("Content-Type")).startsWith(MeshRoute.DEFAULT_CONTENT_TYPE);
        assertThat(MeshAuthToken.verify(headers.getFirst("Authorization"), MAILBOX, PASSWORD, SHARED_KEY,
                Clock.systemUTC())).isTrue();
        assertThat(headers.keySet()).noneMatch(name -> name.toLowerCase().startsWith("handover")
                || name.toLowerCase().startsWith("jms") || name.toLowerCase().startsWith("camel"));
    }

    @Test
    void headersTheEnvelopeArrivedWithNeverReachMesh() {
        OutboundMessage message = gpMessage();

        Exchange exchange = harness.offer(Envelopes.write(message), Map.of(
                "CamelHttpUri", "http://127.0.0.1:1/elsewhere", "CamelHttpPath", "/elsewhere",
                "Authorization", "Basic c29tZW9uZTplbHNl", "JMSMessageID", "ID:relay-1", "_AMQ_DUPL_ID", "x"));

        assertThat(exchange.isFailed()).isFalse();
        assertThat(requests).singleElement().satisfies(request -> {
            assertThat(request.path()).isEqualTo("/messageexchange/X26OT001/outbox");
            assertThat(MeshAuthToken.verify(request.headers().getFirst("Authorization"), MAILBOX, PASSWORD,
                    SHARED_KEY, Clock.systemUTC())).isTrue();
            assertThat(request.headers().keySet()).noneMatch(name -> name.toLowerCase().startsWith("jms")
                    || name.startsWith("_") || name.toLowerCase().startsWith("camel"));
        });
    }

    @Test
    void everyCallHasAFreshToken() {
        harness.offer(Envelopes.write(gpMessage()));
        harness.offer(Envelopes.write(gpMessage()));

        assertThat(requests.get(0).headers().getFirst("Authorization"))
                .isNotEqualTo(requests.get(1).headers().getFirst("Authorization"));
    }

    @Test
    void serverErrorIsAFailedAttemptForTheLedgerToRetry() {
        status = 500;
        answer = "{\"errorCode\":\"99\",\"errorDescription\":\"Internal error\"}";
        OutboundMessage message = gpMessage();

        Exchange exchange = harness.offer(Envelopes.write(message));

        assertThat(exchange.isFailed()).as("handled, so the JMS transaction commits").isFalse();
        assertThat(requests).as("no redelivery by Camel").hasSize(1);
        assertThat(attempts.succeeded).isEmpty();
        assertThat(attempts.failed).singleElement().satisfies(failure -> {
            assertThat(failure.message()).isEqualTo(message);
            assertThat(failure.code()).isEqualTo("HTTP_500");
            assertThat(failure.text()).contains("Internal error").doesNotContain(message.payload());
        });
        assertThat(harness.queue(Queues.DEAD_LETTER).getReceivedCounter()).isZero();
    }

    @Test
    void deadLetteredFailureIsPublishedToTheDeadLetterQueue() throws Exception {
        status = 400;
        answer = "{\"errorCode\":\"06\",\"errorDescription\":\"Malformed control file\"}";
        attempts.afterFailure = AfterFailure.DEAD_LETTERED;
        OutboundMessage message = gpMessage();
        MockEndpoint deadLetter = harness.queue(Queues.DEAD_LETTER);
        deadLetter.expectedMessageCount(1);

        harness.offer(Envelopes.write(message));

        deadLetter.assertIsSatisfied();
        assertThat(attempts.failed).singleElement().extracting(RecordingAttempts.Failure::code).isEqualTo("HTTP_400");
        assertThat(Envelopes.read(deadLetter.getExchanges().get(0).getIn().getBody(String.class))).isEqualTo(message);
    }

    @Test
    void skipDropsTheMessageWithoutCallingMesh() {
        attempts.go = Go.SKIP;

        Exchange exchange = harness.offer(Envelopes.write(gpMessage()));

        assertThat(exchange.isFailed()).isFalse();
        assertThat(requests).isEmpty();
        assertThat(attempts.succeeded).isEmpty();
        assertThat(attempts.failed).isEmpty();
    }

    @Test
    void sendAgainSendsWithTheSameLocalId() {
        attempts.go = Go.SEND_AGAIN;
        OutboundMessage message = gpMessage();

        harness.offer(Envelopes.write(message));

        assertThat(requests.get(0).headers().getFirst("Mex-LocalID")).isEqualTo(message.id());
        assertThat(attempts.succeeded).hasSize(1);
    }

    @Test
    void unreachableMeshIsConnectionRefused() throws Exception {
        harness.close();
        harness = RouteHarness.start(new MeshRoute(attempts), properties("http://127.0.0.1:" + freePort()));

        harness.offer(Envelopes.write(gpMessage()));

        assertThat(attempts.failed).singleElement().extracting(RecordingAttempts.Failure::code)
                .isEqualTo("CONNECTION_REFUSED");
    }

    @Test
    void acceptedAnswerWithoutMessageIdIsAFailure() {
        answer = "{}";

        harness.offer(Envelopes.write(gpMessage()));

        assertThat(attempts.succeeded).isEmpty();
        assertThat(attempts.failed).singleElement().extracting(RecordingAttempts.Failure::code).isEqualTo("UNKNOWN");
    }

    @Test
    void missingWorkflowIdIsAFailedAttemptNotAPoisonMessage() {
        OutboundMessage message = Messages.message(Channel.GP, "X26OT002", "{}", Map.of());

        Exchange exchange = harness.offer(Envelopes.write(message));

        assertThat(exchange.isFailed()).isFalse();
        assertThat(requests).isEmpty();
        assertThat(attempts.failed).singleElement().satisfies(failure -> {
            assertThat(failure.code()).isEqualTo("UNKNOWN");
            assertThat(failure.text()).contains("meshWorkflowId");
        });
    }

    @Test
    void ledgerFailureRollsBackInsteadOfRecordingAFailedAttempt() {
        attempts.beginFailure = new IllegalStateException("database unavailable");

        Exchange exchange = harness.offer(Envelopes.write(gpMessage()));

        assertThat(exchange.isFailed()).as("JMS would roll back and redeliver").isTrue();
        assertThat(requests).isEmpty();
        assertThat(attempts.failed).isEmpty();
    }

    @Test
    void unreadableTextGoesToTheUnreadableQueue() throws Exception {
        MockEndpoint unreadable = harness.queue(Queues.UNREADABLE);
        unreadable.expectedBodiesReceived("not an envelope");

        Exchange exchange = harness.offer("not an envelope");

        unreadable.assertIsSatisfied();
        assertThat(exchange.isFailed()).isFalse();
        assertThat(attempts.begun).isEmpty();
        assertThat(requests).isEmpty();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders(), body));
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static OutboundMessage gpMessage() {
        return Messages.message(Channel.GP, "X26OT002", "{\"resourceType\":\"Bundle\",\"type\":\"document\"}",
                Map.of(OutboundMessage.MESH_WORKFLOW_ID, "TOC_FHIR_IP_DISCH",
                        OutboundMessage.SUBJECT, "Inpatient discharge summary"));
    }

    private static Properties properties(String url) {
        Properties properties = new Properties();
        properties.setProperty("handover.delivery.concurrent-consumers", "1");
        properties.setProperty("handover.mesh.url", url);
        properties.setProperty("handover.mesh.mailbox-id", MAILBOX);
        properties.setProperty("handover.mesh.password", PASSWORD);
        properties.setProperty("handover.mesh.shared-key", SHARED_KEY);
        return properties;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
