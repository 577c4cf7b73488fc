package org.handover.messaging;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/**
 * Whether Handover can reach each outbound channel, probed on a thread of its own every interval
 * ({@code handover.operations.channel-probe-interval}, 30 s): a channel that does not answer holds a probe for its
 * connect timeout, which must not delay a scrape, a health request or the application's other scheduled work. One
 * result per channel, read by both {@code /actuator/health/channels} ({@link ChannelHealth}) and the gauge
 * {@code handover_channel_up{channel}} (1 reachable, 0 not, NaN before the first probe).
 */
final class ChannelProbes {

    private final Map<String, Supplier<Health>> probes;
    private final Map<String, Health> last = new ConcurrentHashMap<>();
    private final ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "channel-probe");
        thread.setDaemon(true);
        return thread;
    });

    ChannelProbes(MeterRegistry registry, Map<String, Supplier<Health>> probes, Duration interval) {
        this.probes = Collections.unmodifiableMap(new LinkedHashMap<>(probes));
        for (String channel : probes.keySet()) {
            last.put(channel, Health.unknown().withDetail("probe", "not yet run").build());
            Gauge.builder("handover.channel.up", () -> up(channel))
                    .description("1 when Handover can reach the outbound channel, 0 when it cannot")
                    .tag("channel", channel)
                    .register(registry);
        }
        prober.scheduleWithFixedDelay(this::probe, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    Set<String> channels() {
        return probes.keySet();
    }

    /** The channel's health as last probed. */
    Health last(String channel) {
        return last.get(channel);
    }

    void probe() {
        probes.forEach((channel, probe) -> {
            try {
                last.put(channel, probe.get());
            } catch (RuntimeException e) {
                last.put(channel, Health.down(e).build());
            }
        });
    }

    private double up(String channel) {
        Status status = last.get(channel).getStatus();
        return Status.UNKNOWN.equals(status) ? Double.NaN : Status.UP.equals(status) ? 1.0 : 0.0;
    }

    void stop() {
        prober.shutdownNow();
    }
}
