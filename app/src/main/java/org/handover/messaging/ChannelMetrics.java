package org.handover.messaging;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.NamedContributor;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * Each outbound channel's health (see {@link ChannelHealth}) as a gauge, {@code handover_channel_up{channel}}: 1 when
 * Handover can reach it, 0 when not. Probed on a thread of its own every 30 s: a channel that does not answer holds a
 * probe for its connect timeout, which must not delay the application's other scheduled work or a scrape.
 */
@Component
class ChannelMetrics implements DisposableBean {

    private final Map<String, HealthIndicator> channels = new ConcurrentHashMap<>();
    private final Map<String, Double> up = new ConcurrentHashMap<>();
    private final ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "channel-probe");
        thread.setDaemon(true);
        return thread;
    });

    ChannelMetrics(MeterRegistry registry, @Qualifier("channels") HealthContributor channelsHealth,
            @Value("${handover.operations.channel-probe-interval:30s}") Duration interval) {
        for (NamedContributor<HealthContributor> channel : (CompositeHealthContributor) channelsHealth) {
            String name = channel.getName();
            channels.put(name, (HealthIndicator) channel.getContributor());
            up.put(name, Double.NaN);
            Gauge.builder("handover.channel.up", () -> up.get(name))
                    .description("1 when Handover can reach the outbound channel, 0 when it cannot")
                    .tag("channel", name)
                    .register(registry);
        }
        prober.scheduleWithFixedDelay(this::probe, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void probe() {
        channels.forEach((name, indicator) -> {
            try {
                up.put(name, Status.UP.equals(indicator.health().getStatus()) ? 1.0 : 0.0);
            } catch (RuntimeException e) {
                up.put(name, 0.0);
            }
        });
    }

    @Override
    public void destroy() {
        prober.shutdownNow();
    }
}
