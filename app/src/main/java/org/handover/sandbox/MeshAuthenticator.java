package org.handover.sandbox;

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
import java.time.format.ResolverStyle;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.handover.sandbox.MeshMailboxes.Mailbox;
import org.springframework.http.HttpStatus;

/**
 * Checks MESH tokens as the real MESH does: {@code Authorization: NHSMESH mailbox:nonce:count:yyyyMMddHHmm:hmac}
 * where hmac is the lower-case hex HMAC-SHA256, keyed with the shared key, of
 * {@code mailbox:nonce:count:password:yyyyMMddHHmm}; the timestamp must be within the allowed skew of now (UTC) and a
 * nonce may not be replayed: the same nonce is accepted again only with a higher count. Seen nonces are kept in memory
 * until their token could no longer pass the timestamp check.
 * <p>
 * Answers: no or unreadable header 401; token for another mailbox, unknown mailbox, wrong HMAC, stale timestamp or
 * replayed nonce 403; each with a MESH-style JSON error.
 */
class MeshAuthenticator {

    static final String SCHEME = "NHSMESH";
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuuMMddHHmm").withResolverStyle(ResolverStyle.STRICT);
    private static final String HMAC_SHA256 = "HmacSHA256";
    private static final String EVENT = "AUTHENTICATE";
    private static final int PURGE_EVERY = 1_000;

    private record Seen(long highestCount, Instant forgetAfter) {
    }

    private final String sharedKey;
    private final String password;
    private final Duration maxSkew;
    private final MeshMailboxes mailboxes;
    private final Clock clock;
    private final Map<String, Seen> seenNonces = new ConcurrentHashMap<>();
    private final AtomicInteger sincePurge = new AtomicInteger();
    /** A Mac keyed once per request thread: the provider lookup and key set-up cost more than a token's HMAC. */
    private final ThreadLocal<Mac> keyedMac;


    MeshAuthenticator(String sharedKey, String password, Duration maxSkew, MeshMailboxes mailboxes, Clock clock) {
        if (sharedKey == null || sharedKey.isBlank()) {
            throw new IllegalStateException("handover.mesh.shared-key must be set for the MESH simulator");
        }
        if (password == null || password.isBlank()) {
            throw new IllegalStateException("handover.mesh.password must be set for the MESH simulator");
        }
        this.sharedKey = sharedKey;
        this.password = password;
        this.maxSkew = maxSkew;
        this.mailboxes = mailboxes;
        this.clock = clock;
        this.keyedMac = ThreadLocal.withInitial(() -> keyedMac(sharedKey));
    }

    /** The mailbox the request may act for; throws {@link MeshException} (401/403) otherwise. */
    Mailbox authenticate(String pathMailboxId, String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw unauthorised("Error reading from Authorization header: header missing");
        }
        String header = authorization.strip();
        if (header.length() <= SCHEME.length() + 1
                || !header.regionMatches(true, 0, SCHEME + " ", 0, SCHEME.length() + 1)) {
            throw unauthorised("Error reading from Authorization header: scheme must be " + SCHEME);
        }
        String[] parts = header.substring(SCHEME.length() + 1).strip().split(":", -1);
        if (parts.length != 5) {
            throw unauthorised("Error reading from Authorization header: expected mailbox:nonce:count:timestamp:hmac");
        }
        String tokenMailbox = parts[0];
        String nonce = parts[1];
        String count = parts[2];
        String timestamp = parts[3];
        String hmac = parts[4];

        if (!tokenMailbox.equalsIgnoreCase(pathMailboxId)) {
            throw forbidden("Mailbox id does not match token");
        }
        Mailbox mailbox = mailboxes.find(tokenMailbox).orElseThrow(() -> forbidden("No mailbox matched"));
        if (nonce.isBlank() || !count.matches("\\d{1,18}")) {
            throw forbidden("Invalid Authentication Token: nonce missing or count not a number");
        }
        Instant stamped;
        try {
            stamped = LocalDateTime.parse(timestamp, TIMESTAMP).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw forbidden("Invalid Authentication Token: timestamp must be yyyyMMddHHmm");
        }
        Instant now = clock.instant();
        if (Duration.between(stamped, now).abs().compareTo(maxSkew) > 0) {
            throw forbidden("Invalid Authentication Token: timestamp is more than " + maxSkew.toMinutes()
                    + " minutes from the server's clock");
        }
        String expected = hex(keyedMac.get(), String.join(":", tokenMailbox, nonce, count, password, timestamp));
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                hmac.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            throw forbidden("Invalid Authentication Token");
        }
        remember(mailbox.id() + ":" + nonce, Long.parseLong(count), stamped.plus(maxSkew), now);
        return mailbox;
    }

    private void remember(String key, long count, Instant forgetAfter, Instant now) {
        AtomicBoolean replayed = new AtomicBoolean();
        seenNonces.compute(key, (k, seen) -> {
            if (seen != null && now.isBefore(seen.forgetAfter()) && count <= seen.highestCount()) {
                replayed.set(true);
                return seen;
            }
            return new Seen(count, forgetAfter);
        });
        if (replayed.get()) {
            throw forbidden("Error Duplicated Authentication Token");
        }
        if (sincePurge.incrementAndGet() >= PURGE_EVERY) {
            sincePurge.set(0);
            seenNonces.values().removeIf(seen -> now.isAfter(seen.forgetAfter()));
        }
    }

    /** Lower-case hex HMAC-SHA256 of the UTF-8 data. */
    private static String hex(Mac mac, String data) {
        return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    }

    private static Mac keyedMac(String key) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA256);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), HMAC_SHA256));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static MeshException unauthorised(String description) {
        return new MeshException(HttpStatus.UNAUTHORIZED, EVENT, "401", description);
    }

    private static MeshException forbidden(String description) {
        return new MeshException(HttpStatus.FORBIDDEN, EVENT, "403", description);
    }
}
