package org.handover.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.handover.routes.delivery.Channel;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Prometheus metrics of the delivery backbone: outcomes by channel and status (counters), and from the ledger every
 * few seconds the outbox backlog, the age of its oldest message and the dead letters waiting for a person, and every
 * few minutes the settled messages (gauges).
 */
@Component
class DeliveryMetrics {

    private final MeterRegistry registry;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    /** Counted every few seconds: what is on its way or needs a person (the ledger's open-work index holds these). */
    private static final List<DeliveryStatus> OPEN = List.of(DeliveryStatus.PENDING, DeliveryStatus.QUEUED,
            DeliveryStatus.SENDING, DeliveryStatus.FAILED, DeliveryStatus.DEAD, DeliveryStatus.UNDELIVERABLE);
    private static final List<DeliveryStatus> SETTLED = Arrays.stream(DeliveryStatus.values())
            .filter(status -> !OPEN.contains(status)).toList();

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

    /** A receipt came back before its message was recorded as sent, and was kept until it was. */
    void earlyReceiptKept(Channel channel) {
        counters.computeIfAbsent(channel.id() + "/early", key -> Counter.builder("handover.delivery.early.receipts")
                        .description("Receipts that came back before their message was recorded as sent, kept and applied after")
                        .tag("channel", channel.id())
                        .register(registry))
                .increment();
    }

    /**
     * Every few seconds the messages still moving or waiting for a person, from the ledger's index of open work (a
     * handful of rows however long the ledger grows); see {@link #refreshSettled} for the rest.
     */
    @Scheduled(fixedDelayString = "${handover.delivery.metrics-interval:5s}")
    void refreshFromLedger() {
        refresh(OPEN);
        Timestamp oldest = jdbc.queryForObject(
                "select min(created_at) from outbox_message where status in ('PENDING', 'QUEUED', 'SENDING', 'FAILED')"
                        + " and attempts >= 0",
                Timestamp.class);
        oldestPendingSeconds = oldest == null ? 0 : Duration.between(oldest.toInstant(), clock.instant()).toSeconds();
    }

    /**
     * Sent, delivered, acknowledged and abandoned messages are nearly the whole ledger and only ever grow: counting
     * them is a scan of the table, so it runs every few minutes rather than with the open ones (measured: 105 ms a
     * count at 200,000 messages, every 5 s).
     */
    @Scheduled(fixedDelayString = "${handover.delivery.settled-metrics-interval:5m}")
    void refreshSettled() {
        refresh(SETTLED);
    }

    private void refresh(List<DeliveryStatus> statuses) {
        Map<DeliveryStatus, Double> fresh = new EnumMap<>(DeliveryStatus.class);
        statuses.forEach(status -> fresh.put(status, 0.0));
        // "attempts >= 0" (every row) names the partial index outbox_open (V15) for the open statuses
        String names = statuses.stream().map(status -> "'" + status.name() + "'").collect(Collectors.joining(", "));
        jdbc.query("select status, count(*) as n from outbox_message where status in (%s) and attempts >= 0 "
                .formatted(names) + "group by status",
                row -> { fresh.put(DeliveryStatus.valueOf(row.getString("status")), row.getDouble("n")); });
        synchronized (countsByStatus) {
            countsByStatus.putAll(fresh);
        }
    }
}
