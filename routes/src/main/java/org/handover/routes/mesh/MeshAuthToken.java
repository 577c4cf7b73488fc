package org.handover.routes.mesh;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The MESH {@code Authorization} header: {@code NHSMESH mailbox:nonce:count:yyyyMMddHHmm:hmac}, where hmac is the
 * lower-case hex HMAC-SHA256, keyed with the environment's shared key, of
 * {@code mailbox:nonce:count:password:yyyyMMddHHmm}. The timestamp is UTC. Every call to {@link #next()} uses a fresh
 * nonce with count 1, so a token is never reused.
 */
public final class MeshAuthToken {

    public static final String SCHEME = "NHSMESH ";
    /** How far a token's timestamp may be from the verifier's clock. */
    public static final Duration DEFAULT_MAX_SKEW = Duration.ofMinutes(10);

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmm");
    private static final String HMAC = "HmacSHA256";

    private final String mailboxId;
    private final String password;
    private final String sharedKey;
    private final Clock clock;
    /**
     * Looking the algorithm up among the providers and hashing the key's pads cost more than the HMAC of a token
     * itself: each sending thread keeps a Mac keyed once ({@code doFinal} leaves it ready for the next token).
     */
    private final ThreadLocal<Mac> keyedMac;

    public MeshAuthToken(String mailboxId, String password, String sharedKey, Clock clock) {
        this.mailboxId = requireNoColon(mailboxId, "mailboxId");
        this.password = Objects.requireNonNull(password, "password");
        this.sharedKey = Objects.requireNonNull(sharedKey, "sharedKey");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.keyedMac = ThreadLocal.withInitial(() -> keyedMac(sharedKey));
    }

    /** A new header value, with a fresh nonce. */
    public String next() {
        String nonce = UUID.randomUUID().toString();
        String count = "1";
        String timestamp = TIMESTAMP.format(LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
        String hmac = hex(keyedMac.get(), String.join(":", mailboxId, nonce, count, password, timestamp));
        return SCHEME + String.join(":", mailboxId, nonce, count, timestamp, hmac);
    }

    /** {@link #verify(String, String, String, String, Clock, Duration)} with {@link #DEFAULT_MAX_SKEW}. */
    public static boolean verify(String header, String mailboxId, String password, String sharedKey, Clock clock) {
        return verify(header, mailboxId, password, sharedKey, clock, DEFAULT_MAX_SKEW);
    }

    /**
     * Whether {@code header} is a valid token for this mailbox, made with this password and shared key, stamped
     * within {@code maxSkew} of {@code clock}. Replay of a nonce is not checked here: a server that cares keeps the
     * nonces it has seen.
     */
    public static boolean verify(String header, String mailboxId, String password, String sharedKey, Clock clock,
            Duration maxSkew) {
        if (header == null || !header.startsWith(SCHEME)) {
            return false;
        }
        String[] parts = header.substring(SCHEME.length()).split(":", -1);
        if (parts.length != 5 || !parts[0].equals(mailboxId) || parts[1].isEmpty() || parts[2].isEmpty()) {
            return false;
        }
        Instant stamped;
        try {
            stamped = LocalDateTime.parse(parts[3], TIMESTAMP).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return false;
        }
        if (Duration.between(stamped, clock.instant()).abs().compareTo(maxSkew) > 0) {
            return false;
        }
        String expected = hmac(sharedKey, String.join(":", parts[0], parts[1], parts[2], password, parts[3]));
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                parts[4].getBytes(StandardCharsets.US_ASCII));
    }

    static String hmac(String key, String data) {
        return hex(keyedMac(key), data);
    }

    private static String hex(Mac mac, String data) {
        return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    }

    private static Mac keyedMac(String key) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), HMAC));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    private static String requireNoColon(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isEmpty() || value.contains(":")) {
            throw new IllegalArgumentException(name + " must be non-empty and free of ':'");
        }
        return value;
    }
}
