package org.handover.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Two nodes share the database; an administrator changes the routing table (or council directory) on one of them.
 * The other node's copy must follow within the recheck interval, without a query on every use.
 */
class SharedVersionTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-03T09:00:00Z"));
    /** What the shared database holds: the newest version number. */
    private final AtomicInteger stored = new AtomicInteger(1);
    private final AtomicInteger versionChecks = new AtomicInteger();
    private final AtomicInteger loads = new AtomicInteger();

    private final SharedVersion<Integer> onOtherNode = new SharedVersion<>(Duration.ofSeconds(5), clock(),
            () -> {
                versionChecks.incrementAndGet();
                return stored.get();
            },
            () -> {
                loads.incrementAndGet();
                return stored.get();
            },
            version -> version);

    @Test
    void aChangeMadeOnAnotherNodeIsInForceHereWithinTheRecheckInterval() {
        assertThat(onOtherNode.get()).isEqualTo(1);

        stored.set(2); // committed by the node the administrator used
        now.set(now.get().plusSeconds(4));
        assertThat(onOtherNode.get()).as("still within the interval: this node's copy").isEqualTo(1);

        now.set(now.get().plusSeconds(2));
        assertThat(onOtherNode.get()).as("interval passed: the newer version is read").isEqualTo(2);
        assertThat(loads).hasValue(2);
    }

    @Test
    void withinTheIntervalTheDatabaseIsNotAskedAndAnUnchangedVersionIsNotReadAgain() {
        for (int i = 0; i < 1_000; i++) {
            onOtherNode.get();
        }
        assertThat(versionChecks).hasValue(0);
        assertThat(loads).hasValue(1);

        now.set(now.get().plusSeconds(6));
        onOtherNode.get();
        onOtherNode.get();
        assertThat(versionChecks).as("one check per interval").hasValue(1);
        assertThat(loads).as("same version: kept").hasValue(1);
    }

    @Test
    void theNodeThatMadeTheChangeUsesItAtOnce() {
        onOtherNode.get();
        stored.set(2);
        assertThat(onOtherNode.reload()).isEqualTo(2);
        assertThat(onOtherNode.get()).isEqualTo(2);
    }

    private Clock clock() {
        return new Clock() {
            @Override
            public Instant instant() {
                return now.get();
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }
        };
    }
}
