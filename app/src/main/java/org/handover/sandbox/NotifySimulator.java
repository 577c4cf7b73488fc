package org.handover.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.handover.domain.Masking;
import org.handover.routes.delivery.Channel;
import org.handover.routes.sms.SmsDataCoding;
import org.handover.sandbox.Faults.Fault;
import org.handover.sandbox.ShortMessage.Direction;
import org.handover.sandbox.ShortMessage.State;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.HmacKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * GOV.UK Notify as the sandbox sees it, for {@code handover.sms.provider=notify}: one service with one API key and
 * one text message template ({@code ((message))}). A send is checked as Notify checks it (the JWT the client signs
 * with the API key: HS256, issuer = service id, issued within 30 seconds; the template and its personalisation; the
 * phone number; 918 characters at most; 3,000 requests a minute per key, then 429) and lands on the sandbox phone.
 * The delivery receipt, and every reply typed on the sandbox phone, go back to Handover as Notify's callbacks (real
 * HTTP, with the callback bearer token), retried until Handover answers 2xx.
 */
class NotifySimulator implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NotifySimulator.class);
    static final int MAX_TEXT = 918;
    private static final int MAX_ATTEMPTS = 100;
    private static final Duration RATE_WINDOW = Duration.ofMinutes(1);
    private static final int KEY_SUFFIX = 73;
    private static final int UUID_LENGTH = 36;

    /** A refusal as Notify words it: HTTP status, error name, message. */
    static final class NotifyError extends RuntimeException {
        final int status;
        final String error;

        NotifyError(int status, String error, String message) {
            super(message);
            this.status = status;
            this.error = error;
        }
    }

    private final String serviceId;
    private final JwtConsumer tokens;
    private final String templateId;
    private final String sender;
    private final int requestsPerMinute;
    private final URI receiptCallback;
    private final URI receivedTextCallback;
    private final String callbackToken;
    private final Duration receiptDelay;
    private final Duration redeliveryInterval;
    private final SmsStore store;
    private final Faults faults;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final Deque<Long> recentRequests = new ArrayDeque<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile boolean running;
    private ScheduledExecutorService callbacks;

    NotifySimulator(String apiKey, String templateId, String sender, int requestsPerMinute, String handoverBaseUrl,
            String callbackToken, Duration receiptDelay, Duration redeliveryInterval, SmsStore store, Faults faults,
            Clock clock) {
        if (apiKey == null || apiKey.length() < KEY_SUFFIX + 1) {
            throw new IllegalStateException("handover.notify.api-key must end in '-<service id>-<secret key>' (two UUIDs)");
        }
        this.serviceId = apiKey.substring(apiKey.length() - KEY_SUFFIX, apiKey.length() - UUID_LENGTH - 1);
        String secret = apiKey.substring(apiKey.length() - UUID_LENGTH);
        this.tokens = new JwtConsumerBuilder()
                .setVerificationKey(new HmacKey(secret.getBytes(StandardCharsets.UTF_8)))
                .setRelaxVerificationKeyValidation()
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, "HS256")
                .setExpectedIssuer(serviceId)
                .setRequireIssuedAt()
                .setIssuedAtRestrictions(30, 30)
                .build();
        this.templateId = templateId;
        this.sender = sender;
        this.requestsPerMinute = requestsPerMinute;
        String base = handoverBaseUrl.endsWith("/") ? handoverBaseUrl.substring(0, handoverBaseUrl.length() - 1)
                : handoverBaseUrl;
        this.receiptCallback = URI.create(base + "/api/notify/delivery-receipts");
        this.receivedTextCallback = URI.create(base + "/api/notify/received-texts");
        this.callbackToken = callbackToken;
        this.receiptDelay = receiptDelay;
        this.redeliveryInterval = redeliveryInterval;
        this.store = store;
        this.faults = faults;
        this.clock = clock;
    }

    // ---------------------------------------------------------------- POST /v2/notifications/sms

    /** @return Notify's 201 body */
    ObjectNode sendSms(String authorization, String body) {
        authenticate(authorization);
        takeFromRateLimit();
        Optional<Fault> fault = faults.take(Channel.SMS);
        if (fault.isPresent()) {
            switch (fault.get().mode()) {
                case HANG -> Faults.hang(fault.get());
                case SMPP_THROTTLED -> throw new NotifyError(429, "RateLimitError",
                        "Exceeded rate limit for key type LIVE of " + requestsPerMinute + " requests per 60 seconds");
                case SMPP_SYSTEM_ERROR, HTTP_500 -> throw new NotifyError(500, "Exception", "Internal server error");
                case HTTP_400 -> throw new NotifyError(400, "BadRequestError", "Sandbox fault: request refused");
                default -> {
                    // RECEIPT_UNDELIVERABLE and RECEIPT_FIRST: taken below
                }
            }
        }
        JsonNode request = read(body);
        String phone = PhoneNumbers.normalise(request.path("phone_number").asText(null))
                .orElseThrow(() -> new NotifyError(400, "ValidationError", "phone_number Not a UK mobile number"));
        String template = request.path("template_id").asText(null);
        if (template == null || !isUuid(template)) {
            throw new NotifyError(400, "ValidationError", "template_id is not a valid UUID");
        }
        if (!template.equals(templateId)) {
            throw new NotifyError(400, "BadRequestError", "Template not found");
        }
        JsonNode message = request.path("personalisation").path("message");
        if (!message.isTextual()) {
            throw new NotifyError(400, "BadRequestError", "Missing personalisation: message");
        }
        String text = message.asText();
        if (text.length() > MAX_TEXT) {
            throw new NotifyError(400, "BadRequestError", "Text messages cannot be longer than " + MAX_TEXT
                    + " characters. Your message is " + text.length() + " characters");
        }
        String reference = request.path("reference").asText(null);
        if (reference != null && reference.length() > 64) {
            throw new NotifyError(400, "ValidationError", "reference is longer than this simulator keeps (64)");
        }
        boolean undeliverable = fault.isPresent() && fault.get().mode() == Faults.Mode.RECEIPT_UNDELIVERABLE;
        Instant now = clock.instant();
        String id = UUID.randomUUID().toString();
        ShortMessage received = new ShortMessage(id, Direction.MT, phone, sender, text,
                SmsDataCoding.forText(text).value() & 0xFF, null, null, null, reference, "notify", true,
                undeliverable ? "UNDELIV" : "DELIVRD", State.RECEIPT_PENDING, now.plus(receiptDelay), null, 0, null, now);
        store.insert(received, SmsStore.NOTIFY);
        if (fault.isPresent() && fault.get().mode() == Faults.Mode.RECEIPT_FIRST) {
            // The delivery receipt's callback is answered before this send is: a race the real service runs.
            callBack(received);
        }
        scheduleCallbacks(receiptDelay.plusMillis(50));
        log.debug("Notify SMS {} for {}: {} chars", id, Masking.maskTail(phone), text.length());
        ObjectNode answer = json.createObjectNode();
        answer.put("id", id);
        answer.put("reference", reference);
        answer.putObject("content").put("body", text).put("from_number", sender);
        answer.put("uri", "/v2/notifications/" + id);
        answer.putObject("template").put("id", templateId).put("version", 1).put("uri", "/v2/template/" + templateId);
        return answer;
    }

    private void authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new NotifyError(401, "AuthError", "Unauthorized: authentication token must be provided");
        }
        try {
            tokens.process(authorization.substring(7).strip());
        } catch (InvalidJwtException e) {
            throw new NotifyError(403, "AuthError", "Invalid token: " + (e.getErrorDetails().isEmpty() ? "signature"
                    : e.getErrorDetails().get(0).getErrorMessage()));
        }
    }

    private void takeFromRateLimit() {
        long now = System.nanoTime();
        synchronized (recentRequests) {
            while (!recentRequests.isEmpty() && now - recentRequests.peekFirst() > RATE_WINDOW.toNanos()) {
                recentRequests.removeFirst();
            }
            if (recentRequests.size() >= requestsPerMinute) {
                throw new NotifyError(429, "RateLimitError",
                        "Exceeded rate limit for key type LIVE of " + requestsPerMinute + " requests per 60 seconds");
            }
            recentRequests.addLast(now);
        }
    }

    private JsonNode read(String body) {
        try {
            JsonNode node = body == null ? null : json.readTree(body);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException e) {
            // answered below
        }
        throw new NotifyError(400, "BadRequestError", "Invalid JSON supplied in POST data");
    }

    // ---------------------------------------------------------------- replies typed on the sandbox phone

    /** @return the received text's id */
    String queueReply(String phone, String text) {
        if (text == null || text.isBlank() || text.length() > MessageCentre.MAX_REPLY_LENGTH) {
            throw new IllegalArgumentException("reply text must be 1 to " + MessageCentre.MAX_REPLY_LENGTH + " characters");
        }
        Instant now = clock.instant();
        String id = UUID.randomUUID().toString();
        store.insert(new ShortMessage(id, Direction.MO, phone, store.lastShortCodeFor(phone).orElse(sender), text,
                SmsDataCoding.forText(text).value() & 0xFF, null, null, null, null, "notify", false, null,
                State.QUEUED, now, null, 0, null, now), SmsStore.NOTIFY);
        scheduleCallbacks(Duration.ZERO);
        return id;
    }

    // ---------------------------------------------------------------- callbacks to Handover

    void sendCallbacks() {
        if (!running) {
            return;
        }
        try {
            for (ShortMessage due : store.due(SmsStore.NOTIFY, clock.instant(), 200)) {
                if (!callBack(due)) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            log.warn("Notify simulator could not send callbacks: {}", e.toString());
        }
    }

    /** @return false when Handover cannot be reached and this round should stop */
    private boolean callBack(ShortMessage message) {
        boolean receipt = message.direction() == Direction.MT;
        String body = receipt ? receipt(message) : receivedText(message);
        HttpRequest request = HttpRequest.newBuilder(receipt ? receiptCallback : receivedTextCallback)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + callbackToken)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 == 2) {
                store.forwarded(message, clock.instant());
                return true;
            }
            store.attemptFailed(message, "Handover answered the callback with " + response.statusCode(),
                    clock.instant().plus(redeliveryInterval), MAX_ATTEMPTS);
            log.info("Notify callback for {} answered {}; will be retried", message.id(), response.statusCode());
            return true;
        } catch (IOException e) {
            store.attemptFailed(message, "callback failed: " + e, clock.instant().plus(redeliveryInterval), MAX_ATTEMPTS);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String receipt(ShortMessage message) {
        Instant now = clock.instant();
        ObjectNode receipt = json.createObjectNode();
        receipt.put("id", message.id());
        receipt.put("reference", message.clientReference());
        receipt.put("to", message.phone());
        receipt.put("status", "DELIVRD".equals(message.receiptStatus()) ? "delivered" : "permanent-failure");
        receipt.put("created_at", message.receivedAt().toString());
        receipt.put("completed_at", now.toString());
        receipt.put("sent_at", message.receivedAt().toString());
        receipt.put("notification_type", "sms");
        return receipt.toString();
    }

    private String receivedText(ShortMessage message) {
        ObjectNode text = json.createObjectNode();
        text.put("id", message.id());
        text.put("source_number", message.phone().replace("+", ""));
        text.put("destination_number", message.shortCode());
        text.put("message", message.text());
        text.put("date_received", message.receivedAt().toString());
        return text.toString();
    }

    private void scheduleCallbacks(Duration delay) {
        ScheduledExecutorService executor = callbacks;
        if (running && executor != null && !executor.isShutdown()) {
            try {
                executor.schedule(this::sendCallbacks, delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // stopping
            }
        }
    }

    private static boolean isUuid(String value) {
        try {
            return UUID.fromString(value).toString().equalsIgnoreCase(value);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    // ---------------------------------------------------------------- lifecycle

    @Override
    public synchronized void start() {
        callbacks = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "sandbox-notify-callbacks");
            thread.setDaemon(true);
            return thread;
        });
        running = true;
        callbacks.scheduleWithFixedDelay(this::sendCallbacks, redeliveryInterval.toMillis(),
                redeliveryInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (callbacks != null) {
            callbacks.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }
}
