package org.handover.system;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Remembers for a short while the users whose password Camunda has just checked, so that a system posting many
 * requests does not pay a salted password hash and two queries on each one. Only a keyed hash of the password is
 * kept (the key is random per process), and only successes: a wrong password always goes to Camunda, which counts
 * it towards locking the user. A password change, lock or group change takes effect within {@code ttl}.
 */
final class RecentlyVerifiedCredentials {

    private static final int MAX_USERS = 10_000;

    private final Duration ttl;
    private final Clock clock;
    private final SecretKeySpec key;
    private final ConcurrentHashMap<String, Verified> byUser = new ConcurrentHashMap<>();

    private record Verified(byte[] passwordMac, List<String> groups, Instant expiresAt) {
    }

    RecentlyVerifiedCredentials(Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** The user's groups when this exact password was verified less than {@code ttl} ago. */
    Optional<List<String>> groupsIfRecentlyVerified(String userId, String password) {
        if (ttl.isZero()) {
            return Optional.empty();
        }
        Verified verified = byUser.get(userId);
        if (verified == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(verified.expiresAt())) {
            byUser.remove(userId, verified);
            return Optional.empty();
        }
        return MessageDigest.isEqual(verified.passwordMac(), mac(userId, password))
                ? Optional.of(verified.groups())
                : Optional.empty();
    }

    void remember(String userId, String password, List<String> groups) {
        if (ttl.isZero()) {
            return;
        }
        if (byUser.size() >= MAX_USERS) {
            byUser.clear();
        }
        byUser.put(userId, new Verified(mac(userId, password), List.copyOf(groups), clock.instant().plus(ttl)));
    }

    void forget(String userId) {
        byUser.remove(userId);
    }

    private byte[] mac(String userId, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(userId.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
