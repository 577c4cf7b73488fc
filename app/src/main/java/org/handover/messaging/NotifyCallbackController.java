package org.handover.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.handover.domain.Masking;
import org.handover.quarantine.Quarantine;
import org.handover.routes.delivery.Channel;
import org.handover.routes.delivery.DeliveryReceipts;
import org.handover.routes.delivery.InboundMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * GOV.UK Notify's callbacks when SMS goes through Notify: delivery receipts and patients' replies (received text
 * messages). Notify authenticates with the bearer token set for the service's callbacks, compared here in constant
 * time (the paths are outside HTTP Basic, see {@code SecurityConfig}). Each callback is validated, and answered 200
 * only once it is stored: a receipt moves the delivery ledger exactly as an SMPP receipt does, a reply goes into the
 * inbound store exactly as an SMPP deliver_sm does (so FFT sees no difference). A repeated callback changes nothing.
 * Refused callbacks get 400 with the reason and are kept in quarantine.
 */
@RestController
@RequestMapping(NotifyCallbackController.PATH)
@ConditionalOnProperty(name = "handover.sms.provider", havingValue = "notify")
class NotifyCallbackController {

    static final String PATH = "/api/notify";
    private static final Logger log = LoggerFactory.getLogger(NotifyCallbackController.class);
    private static final String QUARANTINE_SOURCE = "notify-callback";
    private static final Set<String> DELIVERED = Set.of("delivered");
    /** Notify's final failures; temporary-failure too is final (Notify gave up, e.g. the phone was off for days). */
    private static final Set<String> FAILED = Set.of("permanent-failure", "temporary-failure", "technical-failure");
    private static final Set<String> NOT_FINAL = Set.of("created", "sending", "pending", "sent", "accepted");
    private static final Pattern NUMBER = Pattern.compile("\\+?\\d{7,15}");
    private static final int MAX_TEXT = 1_600;

    private final DeliveryReceipts receipts;
    private final InboundMessages inbound;
    private final Quarantine quarantine;
    private final ObjectMapper json;
    private final byte[] token;

    NotifyCallbackController(DeliveryReceipts receipts, InboundMessages inbound, Quarantine quarantine,
            ObjectMapper json, @Value("${handover.notify.callback-token}") String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalStateException("handover.notify.callback-token must be set when handover.sms.provider=notify");
        }
        this.receipts = receipts;
        this.inbound = inbound;
        this.quarantine = quarantine;
        this.json = json;
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    @PostMapping("/delivery-receipts")
    ResponseEntity<Map<String, String>> deliveryReceipt(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody(required = false) String body) {
        return accept(authorization, body, NotifyCallbackController::receiptProblem, receipt -> {
            String id = receipt.path("id").asText();
            String status = receipt.path("status").asText();
            String detail = "notify:" + status;
            if (DELIVERED.contains(status)) {
                receipts.delivered(Channel.SMS, id, detail);
            } else if (FAILED.contains(status)) {
                receipts.undeliverable(Channel.SMS, id, detail);
            }
            log.debug("Notify receipt for {}: {}", id, status);
            return Map.of("id", id, "status", status);
        });
    }

    @PostMapping("/received-texts")
    ResponseEntity<Map<String, String>> receivedText(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody(required = false) String body) {
        return accept(authorization, body, NotifyCallbackController::receivedTextProblem, text -> {
            String id = text.path("id").asText();
            String from = international(text.path("source_number").asText());
            inbound.smsReceived(from, text.path("destination_number").asText(""), text.path("message").asText(),
                    "notify-" + id);
            log.debug("Notify received text {} from {} stored", id, Masking.maskTail(from));
            return Map.of("id", id);
        });
    }

    /** Token first, then the body: 401, 400 (quarantined), or 200 once {@code store} has stored it. */
    private ResponseEntity<Map<String, String>> accept(String authorization, String body,
            Function<JsonNode, String> problemWith, Function<JsonNode, Map<String, String>> store) {
        if (!authorised(authorization)) {
            return unauthorised();
        }
        JsonNode callback = read(body);
        String problem = callback == null ? "Body is not a JSON object" : problemWith.apply(callback);
        if (problem != null) {
            return refused(problem, body);
        }
        return ResponseEntity.ok(store.apply(callback));
    }

    private boolean authorised(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token);
    }

    private static ResponseEntity<Map<String, String>> unauthorised() {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .body(Map.of("error", "A bearer token matching the callback token set in GOV.UK Notify is required"));
    }

    private ResponseEntity<Map<String, String>> refused(String problem, String body) {
        String quarantineId = quarantine.keep(QUARANTINE_SOURCE, problem, body);
        return ResponseEntity.badRequest().body(Map.of("error", problem, "quarantineId", quarantineId));
    }

    private JsonNode read(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode node = json.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (Exception e) {
            return null;
        }
    }

    static String receiptProblem(JsonNode receipt) {
        if (!isUuid(receipt.path("id").asText(null))) {
            return "'id' must be the notification id (a UUID)";
        }
        String type = receipt.path("notification_type").asText("sms");
        if (!type.equals("sms")) {
            return "'notification_type' is '" + type + "'; only sms is sent through Notify";
        }
        String status = receipt.path("status").asText(null);
        if (status == null || !(DELIVERED.contains(status) || FAILED.contains(status) || NOT_FINAL.contains(status))) {
            return "'status' must be one of delivered, permanent-failure, temporary-failure, technical-failure, "
                    + "created, sending, pending, sent";
        }
        return null;
    }

    static String receivedTextProblem(JsonNode text) {
        if (!isUuid(text.path("id").asText(null))) {
            return "'id' must be the received text's id (a UUID)";
        }
        String from = text.path("source_number").asText(null);
        if (from == null || !NUMBER.matcher(from.strip()).matches()) {
            return "'source_number' must be a phone number (7 to 15 digits)";
        }
        if (!text.path("message").isTextual()) {
            return "'message' is required";
        }
        if (text.path("message").asText().length() > MAX_TEXT) {
            return "'message' is longer than " + MAX_TEXT + " characters";
        }
        return null;
    }

    /** Notify gives UK numbers as 447700900123 or 07700900123; the inbound store keeps +447700900123. */
    static String international(String number) {
        String digits = number.strip();
        if (digits.startsWith("+")) {
            return digits;
        }
        return digits.startsWith("0") ? "+44" + digits.substring(1) : "+" + digits;
    }

    private static boolean isUuid(String value) {
        if (value == null) {
            return false;
        }
        try {
            return UUID.fromString(value).toString().equalsIgnoreCase(value);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
