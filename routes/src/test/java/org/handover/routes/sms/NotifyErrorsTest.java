package org.handover.routes.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.handover.routes.delivery.DeliveryError;
import org.handover.routes.delivery.DeliveryErrors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import uk.gov.service.notify.NotificationClient;

/**
 * What GOV.UK Notify's Java client throws for each answer Notify gives, as {@link DeliveryErrors} names it for the
 * retry rules: the real client against a local HTTP server that answers as Notify documents its errors.
 */
class NotifyErrorsTest {

    static final String API_KEY = "test_key-3d2f4c1e-8b7a-4e5f-9c0d-1a2b3c4d5e6f-7a8b9c0d-1e2f-4a3b-8c5d-6e7f8a9b0c1d";
    static final String TEMPLATE = "f6a8e1c2-3b4d-4e5f-8a9b-0c1d2e3f4a5b";

    private final AtomicInteger status = new AtomicInteger();
    private HttpServer server;

    @BeforeEach
    void startNotify() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v2/notifications/sms", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String error = switch (status.get()) {
                case 400 -> "BadRequestError\", \"message\": \"phone_number Not a UK mobile number +447700900123";
                case 403 -> "AuthError\", \"message\": \"Invalid token: API key not found";
                case 429 -> "RateLimitError\", \"message\": \"Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds";
                default -> "Exception\", \"message\": \"Internal server error";
            };
            byte[] body = ("{\"status_code\": " + status.get() + ", \"errors\": [{\"error\": \"" + error + "\"}]}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status.get(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @ParameterizedTest(name = "Notify answers {0}: {1}")
    @CsvSource({"400, HTTP_400", "403, HTTP_403", "429, HTTP_429", "500, HTTP_500"})
    void notifyAnswersBecomeHttpCodes(int answer, String code) {
        status.set(answer);
        DeliveryError error = DeliveryErrors.describe(send("http://127.0.0.1:" + server.getAddress().getPort()));
        assertThat(error.code()).isEqualTo(code);
        assertThat(error.text()).startsWith("GOV.UK Notify").doesNotContain("447700900123");
    }

    @Test
    void noNotifyListeningIsAConnectionRefused() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertThat(DeliveryErrors.describe(send("http://127.0.0.1:" + closedPort)).code())
                .isEqualTo(DeliveryErrors.CONNECTION_REFUSED);
    }

    private static Throwable send(String baseUrl) {
        NotificationClient client = new NotificationClient(API_KEY, baseUrl);
        Throwable thrown = catchThrowable(() -> client.sendSms(TEMPLATE, "+447700900123",
                Map.of(NotifySmsRoute.PERSONALISATION, "Hello"), "ref-1"));
        assertThat(thrown).isNotNull();
        return thrown;
    }
}
