package org.handover.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.handover.routes.sms.SmppReceiverState;
import org.junit.jupiter.api.AfterEach;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.SMPPSession;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/** One probe result per channel, read by both the health endpoint and the gauge; a down channel seen in both. */
class ChannelProbesTest {

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicInteger meshProbes = new AtomicInteger();
    private final AtomicBoolean meshUp = new AtomicBoolean(true);
    private ChannelProbes probes;

    @AfterEach
    void stop() {
        if (probes != null) {
            probes.stop();
        }
    }

    @Test
    void healthAndGaugeReadTheLastProbeWithoutProbingAgain() {
        probes = new ChannelProbes(registry, Map.of("gp-mesh", countedMesh()), Duration.ofHours(1));
        await().atMost(Duration.ofSeconds(5)).until(() -> meshProbes.get() == 1);
        HealthIndicator health = indicator("gp-mesh");
        for (int read = 0; read < 5; read++) {
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
            assertThat(gauge("gp-mesh")).isEqualTo(1.0);
        }
        assertThat(meshProbes.get()).as("reads never probe").isEqualTo(1);

        meshUp.set(false);
        probes.probe();
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(gauge("gp-mesh")).isEqualTo(0.0);
        assertThat(meshProbes.get()).isEqualTo(2);
    }

    @Test
    void aProbeThatFailsIsDownNotMissing() {
        Map<String, Supplier<Health>> channels = new LinkedHashMap<>();
        channels.put("social-care-smtp", () -> {
            throw new IllegalStateException("resolver failed");
        });
        probes = new ChannelProbes(registry, channels, Duration.ofHours(1));
        probes.probe();
        assertThat(indicator("social-care-smtp").health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(gauge("social-care-smtp")).isEqualTo(0.0);
    }

    @Test
    void smppIsUpOnlyWhileTheReceiverSessionIsBound() {
        SmppReceiverState receiver = new SmppReceiverState();
        assertThat(ChannelHealth.bound(receiver).getStatus()).isEqualTo(Status.DOWN);
        assertThat(ChannelHealth.bound(receiver).getDetails()).containsEntry("receiver", "not bound yet");

        SMPPSession first = new SMPPSession();
        receiver.onStateChange(SessionState.OPEN, SessionState.CLOSED, first);
        assertThat(ChannelHealth.bound(receiver).getStatus()).isEqualTo(Status.DOWN);
        receiver.onStateChange(SessionState.BOUND_RX, SessionState.OPEN, first);
        assertThat(ChannelHealth.bound(receiver).getStatus()).isEqualTo(Status.UP);

        receiver.onStateChange(SessionState.CLOSED, SessionState.BOUND_RX, first);
        assertThat(ChannelHealth.bound(receiver).getStatus()).as("the message centre went away").isEqualTo(Status.DOWN);

        SMPPSession second = new SMPPSession();
        receiver.onStateChange(SessionState.OPEN, SessionState.CLOSED, second);
        receiver.onStateChange(SessionState.BOUND_RX, SessionState.OPEN, second);
        receiver.onStateChange(SessionState.CLOSED, SessionState.BOUND_RX, first);
        assertThat(ChannelHealth.bound(receiver).getStatus()).as("the old session closing late says nothing")
                .isEqualTo(Status.UP);
    }

    private Supplier<Health> countedMesh() {
        return () -> {
            meshProbes.incrementAndGet();
            return meshUp.get() ? Health.up().build() : Health.down().build();
        };
    }

    private HealthIndicator indicator(String channel) {
        CompositeHealthContributor composite = (CompositeHealthContributor) new ChannelHealth().channelsHealth(probes);
        return (HealthIndicator) composite.getContributor(channel);
    }

    private double gauge(String channel) {
        return registry.get("handover.channel.up").tag("channel", channel).gauge().value();
    }
}
