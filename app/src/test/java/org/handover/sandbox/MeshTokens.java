package org.handover.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Builds NHSMESH Authorization headers the way a MESH client does. */
final class MeshTokens {

    static final String SHARED_KEY = "test-shared-key";
    static final String PASSWORD = "test-mesh-password";
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmm").withZone(ZoneOffset.UTC);

    private MeshTokens() {
    }

    static String token(String mailbox) {
        return token(mailbox, UUID.randomUUID().toString(), "1", Instant.now(), PASSWORD);
    }

    static String token(String mailbox, String nonce, String count, Instant at, String password) {
        return token(SHARED_KEY, mailbox, nonce, count, at, password);
    }

    static String token(String sharedKey, String mailbox, String nonce, String count, Instant at, String password) {
        String timestamp = TIMESTAMP.format(at);
        String hmac = hmacSha256Hex(sharedKey, String.join(":", mailbox, nonce, count, password, timestamp));
        return "NHSMESH " + String.join(":", mailbox, nonce, count, timestamp, hmac);
    }

    /** Independent of the code under test: plain JCA. */
    static String hmacSha256Hex(String key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
