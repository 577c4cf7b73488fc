package org.handover.transfer;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.handover.system.PeriodicGauge;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Discharge summaries the GP has not yet acknowledged, by how close they are to the 24-hour standard:
 * {@code handover_toc_summaries_at_risk} (discharged between the warning, 18 h, and the standard, 24 h, ago) and
 * {@code handover_toc_summaries_overdue} (discharged longer ago than the standard). Summaries cancelled or delivered
 * another way are not waiting for anyone. Read from the database once a minute (one query over the index on status
 * and discharge time, so only the unacknowledged rows are read), not at every scrape.
 */
@Component
class SummariesAtRiskMetrics implements PeriodicGauge {

    /** Discharged, and the GP's acknowledgement (or a delivery by other means) is still missing. */
    static final String UNACKNOWLEDGED = "'AWAITING_SUMMARY', 'SUMMARY_COMPLETE', 'INVALID', 'SENT', 'DELIVERY_PROBLEM'";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final TransferOfCareConfig.TransferSettings settings;
    private volatile long atRisk;
    private volatile long overdue;

    SummariesAtRiskMetrics(MeterRegistry registry, JdbcTemplate jdbc, Clock clock,
            TransferOfCareConfig.TransferSettings settings) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.settings = settings;
        Gauge.builder("handover.toc.summaries.at.risk", () -> atRisk)
                .description("Discharge summaries not acknowledged by the GP, discharged between the warning (18 h)"
                        + " and the 24-hour standard ago")
                .register(registry);
        Gauge.builder("handover.toc.summaries.overdue", () -> overdue)
                .description("Discharge summaries not acknowledged by the GP 24 hours or more after discharge")
                .register(registry);
    }

    @Scheduled(fixedDelayString = "${handover.operations.metrics-interval:60s}", initialDelay = 5_000)
    @Override
    public synchronized void refresh() {
        Instant now = clock.instant();
        Map<String, Object> row = jdbc.queryForMap("select count(*) as past_warning,"
                + " count(case when discharged_at <= ? then 1 end) as past_standard from transfer_of_care"
                + " where status in (" + UNACKNOWLEDGED + ") and discharged_at <= ?",
                Timestamp.from(now.minus(settings.standard())), Timestamp.from(now.minus(settings.warning())));
        long pastWarning = ((Number) row.get("past_warning")).longValue();
        overdue = ((Number) row.get("past_standard")).longValue();
        atRisk = pastWarning - overdue;
    }
}
