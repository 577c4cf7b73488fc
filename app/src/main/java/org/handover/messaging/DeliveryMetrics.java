package org.handover.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.handover.routes.delivery.Channel;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Prometheus metrics of the delivery backbone: outcomes by channel and status (counters), and from the ledger every
 * few seconds the outbox backlog, the age of its oldest message and the dead letters waiting for a person (gauges).
 */
@Component
class DeliveryMetrics {

    private final MeterRegistry registry;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<DeliveryStatus, Double> countsByStatus = new EnumMap<>(DeliveryStatus.class);
    private volatile double oldestPendingSeconds;

    DeliveryMetrics(MeterRegistry registry, JdbcTemplate jdbc, Clock clock) {
        this.registry = registry;
        this.jdbc = jdbc;
        this.clock = clock;
        for (DeliveryStatus status : DeliveryStatus.values()) {
            countsByStatus.put(status, 0.0);
            Gauge.builder("handover.outbox.messages", () -> countsByStatus.get(status))
                    .description("Messages in the delivery ledger by status")
                    .tag("status", status.name().toLowerCase())
                    .register(registry);
        }
        Gauge.builder("handover.outbox.pending", () -> countsByStatus.get(DeliveryStatus.PENDING)
                        + countsByStatus.get(DeliveryStatus.FAILED) + countsByStatus.get(DeliveryStatus.QUEUED))
                .description("Messages not yet accepted by their receiver")
                .register(registry);
        Gauge.builder("handover.outbox.oldest.pending.age", () -> oldestPendingSeconds)
                .description("Age in seconds of the oldest message not yet accepted by its receiver")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder("handover.delivery.dead.letters", () -> countsByStatus.get(DeliveryStatus.DEAD))
                .description("Dead-lettered messages waiting for a person")
                .register(registry);
    }

    void outcome(Channel channel, DeliveryStatus status) {
        counters.computeIfAbsent(channel.id() + "/" + status, key -> Counter.builder("handover.deliveries")
                        .description("Delivery outcomes by channel and status")
                        .tag("channel", channel.id())
                        .tag("status", status.name().toLowerCase())
                        .register(registry))
                .increment();
    }

    @Scheduled(fixedDelayString = "${handover.delivery.metrics-interval:5s}")
    void refreshFromLedger() {
        Map<DeliveryStatus, Double> fresh = new EnumMap<>(DeliveryStatus.class);
        for (DeliveryStatus status : DeliveryStatus.values()) {
            fresh.put(status, 0.0);
        }
        jdbc.query("select status, count(*) as n from outbox_message group by status",
                row -> { fresh.put(DeliveryStatus.valueOf(row.getString("status")), row.getDouble("n")); });
        synchronized (countsByStatus) {
            countsByStatus.putAll(fresh);
        }
        Timestamp oldest = jdbc.queryForObject(
                "select min(created_at) from outbox_message where status in ('PENDING', 'QUEUED', 'SENDING', 'FAILED')",
                Timestamp.class);
        oldestPendingSeconds = oldest == null ? 0 : Duration.between(oldest.toInstant(), clock.instant()).toSeconds();
    }
}
