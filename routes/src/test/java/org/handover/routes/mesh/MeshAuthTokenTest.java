package org.handover.routes.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class MeshAuthTokenTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2025-03-14T09:26:53Z"), ZoneOffset.UTC);
    private final MeshAuthToken tokens = new MeshAuthToken("X26OT001", "password", "BackBone", NOW);

    @Test
    void tokenHasTheMeshShape() {
        String token = tokens.next();

        assertThat(token).matches("NHSMESH X26OT001:[0-9a-f-]{36}:1:202503140926:[0-9a-f]{64}");
    }

    @Test
    void hmacIsOverMailboxNonceCountPasswordAndTimestamp() {
        String[] parts = tokens.next().substring("NHSMESH ".length()).split(":");

        String expected = MeshAuthToken.hmac("BackBone", parts[0] + ":" + parts[1] + ":1:password:202503140926");
        assertThat(parts[4]).isEqualTo(expected);
    }

    @Test
    void hmacMatchesAnIndependentlyComputedValue() {
        // HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog"), the RFC 4231-style reference value
        assertThat(MeshAuthToken.hmac("key", "The quick brown fox jumps over the lazy dog"))
                .isEqualTo("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
    }

    @Test
    void everyTokenHasAFreshNonce() {
        assertThat(tokens.next()).isNotEqualTo(tokens.next());
    }

    @Test
    void verifiesItsOwnToken() {
        assertThat(MeshAuthToken.verify(tokens.next(), "X26OT001", "password", "BackBone", NOW)).isTrue();
    }

    @Test
    void tokensOneAfterAnotherOnOneThreadAndOnOthersEachVerify() throws Exception {
        // the keyed Mac is kept per thread: each token's HMAC must start from the key alone, not from the last token
        for (int i = 0; i < 3; i++) {
            assertThat(MeshAuthToken.verify(tokens.next(), "X26OT001", "password", "BackBone", NOW)).isTrue();
        }
        Thread other = new Thread(() -> assertThat(
                MeshAuthToken.verify(tokens.next(), "X26OT001", "password", "BackBone", NOW)).isTrue());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        other.setUncaughtExceptionHandler((thread, e) -> failure.set(e));
        other.start();
        other.join();
        assertThat(failure.get()).isNull();
    }

    @Test
    void wrongPasswordFails() {
        assertThat(MeshAuthToken.verify(tokens.next(), "X26OT001", "guess", "BackBone", NOW)).isFalse();
    }

    @Test
    void wrongSharedKeyOrMailboxFails() {
        String token = tokens.next();

        assertThat(MeshAuthToken.verify(token, "X26OT001", "password", "Other", NOW)).isFalse();
        assertThat(MeshAuthToken.verify(token, "X26OT002", "password", "BackBone", NOW)).isFalse();
    }

    @Test
    void staleTimestampFails() {
        String token = tokens.next();
        Clock later = Clock.offset(NOW, MeshAuthToken.DEFAULT_MAX_SKEW.plusMinutes(1));
        Clock slightlyLater = Clock.offset(NOW, Duration.ofMinutes(3));

        assertThat(MeshAuthToken.verify(token, "X26OT001", "password", "BackBone", later)).isFalse();
        assertThat(MeshAuthToken.verify(token, "X26OT001", "password", "BackBone", slightlyLater)).isTrue();
        assertThat(MeshAuthToken.verify(token, "X26OT001", "password", "BackBone", slightlyLater, Duration.ofMinutes(1)))
                .isFalse();
    }

    @Test
    void tamperedOrMalformedTokensFail() {
        String token = tokens.next();

        assertThat(MeshAuthToken.verify(token.replace(":1:", ":2:"), "X26OT001", "password", "BackBone", NOW)).isFalse();
        assertThat(MeshAuthToken.verify(token.substring(8), "X26OT001", "password", "BackBone", NOW)).isFalse();
        assertThat(MeshAuthToken.verify("NHSMESH X26OT001:n:1:notadate:00", "X26OT001", "password", "BackBone", NOW))
                .isFalse();
        assertThat(MeshAuthToken.verify(null, "X26OT001", "password", "BackBone", NOW)).isFalse();
    }
}
