package org.handover.transfer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.handover.system.PeriodicGauge;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Prometheus metrics of the 24-hour standard: {@code handover_toc_summaries_received_total{ward,specialty,within_24h}}
 * when the GP acknowledges (or a delivery by other means is recorded), {@code handover_toc_sla_warnings_total},
 * {@code handover_toc_sla_breaches_total}, and the gauge {@code handover_toc_acknowledged_within_24h_percent} over the
 * discharges of the last 30 days whose 24 hours are over (NaN before the first refresh or when there are none). The
 * percentage is computed on a schedule ({@code handover.operations.metrics-interval}, 60 s), not at each scrape: it
 * reads 30 days of discharges, which would otherwise be read again by every Prometheus server at every scrape.
 */
@Component
class TransferOfCareMetrics implements PeriodicGauge {

    private final MeterRegistry registry;
    private final JdbcTemplate jdbc;
    private final SlaReport report;
    private final Clock clock;
    private final TransferOfCareConfig.TransferSettings settings;
    private final Counter warnings;
    private final Counter breaches;
    private volatile double percentWithinStandard = Double.NaN;

    TransferOfCareMetrics(MeterRegistry registry, JdbcTemplate jdbc, SlaReport report, Clock clock,
            TransferOfCareConfig.TransferSettings settings) {
        this.registry = registry;
        this.jdbc = jdbc;
        this.report = report;
        this.clock = clock;
        this.settings = settings;
        this.warnings = Counter.builder("handover.toc.sla.warnings")
                .description("Discharge summaries escalated before missing the 24 hours").register(registry);
        this.breaches = Counter.builder("handover.toc.sla.breaches")
                .description("Discharge summaries the GP had not acknowledged 24 hours after discharge").register(registry);
        Gauge.builder("handover.toc.acknowledged.within.24h.percent", () -> percentWithinStandard)
                .description("Discharges of the last 30 days acknowledged by the GP within 24 hours, percent")
                .register(registry);
    }

    void warned() {
        warnings.increment();
    }

    void breached() {
        breaches.increment();
    }

    void summaryReceived(String episodeId) {
        jdbc.query("select ward, specialty, discharged_at, acknowledged_at from transfer_of_care where episode_id = ?",
                row -> {
                    Timestamp discharged = row.getTimestamp("discharged_at");
                    Timestamp acknowledged = row.getTimestamp("acknowledged_at");
                    boolean within = discharged != null && acknowledged != null && Duration.between(
                            discharged.toInstant(), acknowledged.toInstant()).compareTo(settings.standard()) <= 0;
                    Counter.builder("handover.toc.summaries.received")
                            .description("Discharge summaries the GP acknowledged (or got another way)")
                            .tag("ward", String.valueOf(row.getString("ward")))
                            .tag("specialty", String.valueOf(row.getString("specialty")))
                            .tag("within_24h", String.valueOf(within))
                            .register(registry).increment();
                }, episodeId);
    }

    @Scheduled(fixedDelayString = "${handover.operations.metrics-interval:60s}", initialDelay = 5_000)
    @Override
    public synchronized void refresh() {
        Instant now = clock.instant();
        Double percent = report.overall(now.minus(Duration.ofDays(30)), now, now).percentWithinStandard();
        percentWithinStandard = percent == null ? Double.NaN : percent;
    }
}
