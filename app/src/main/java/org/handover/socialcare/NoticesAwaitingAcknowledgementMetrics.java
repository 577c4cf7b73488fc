package org.handover.socialcare;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import org.handover.system.PeriodicGauge;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Discharge to Assess notices sent to a council and not yet acknowledged:
 * {@code handover_d2a_notices_awaiting_acknowledgement} and the age of the oldest,
 * {@code handover_d2a_notices_awaiting_acknowledgement_oldest_age_seconds} (0 when none waits). Each council has its
 * own deadline (48 hours, 72 over a weekend) and the process chases it with a task; the gauges show the backlog across
 * councils. Read once a minute through the index on status and notification time (V21), so acknowledged and
 * cancelled notices are not read, never at a scrape.
 */
@Component
class NoticesAwaitingAcknowledgementMetrics implements PeriodicGauge {

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private volatile long awaiting;
    private volatile long oldestSeconds;

    NoticesAwaitingAcknowledgementMetrics(MeterRegistry registry, JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        Gauge.builder("handover.d2a.notices.awaiting.acknowledgement", () -> awaiting)
                .description("Discharge to Assess notices sent to a council and not yet acknowledged")
                .register(registry);
        Gauge.builder("handover.d2a.notices.awaiting.acknowledgement.oldest.age", () -> oldestSeconds)
                .description("How long the oldest Discharge to Assess notice not yet acknowledged has waited")
                .baseUnit("seconds")
                .register(registry);
    }

    @Scheduled(fixedDelayString = "${handover.operations.metrics-interval:60s}", initialDelay = 5_000)
    @Override
    public synchronized void refresh() {
        jdbc.query("select count(*) as awaiting, min(notified_at) as oldest from discharge_to_assess"
                + " where status = ?", (ResultSet row) -> {
                    Timestamp oldest = row.getTimestamp("oldest");
                    awaiting = row.getLong("awaiting");
                    oldestSeconds = oldest == null ? 0
                            : Math.max(0, Duration.between(oldest.toInstant(), clock.instant()).toSeconds());
                }, DischargeRecords.Status.NOTIFIED.name());
    }
}
