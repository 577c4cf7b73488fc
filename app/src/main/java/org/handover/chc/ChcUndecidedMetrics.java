package org.handover.chc;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import org.handover.processes.chc.ChcProcess;
import org.handover.system.PeriodicGauge;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Standard CHC referrals the ICB has received (positive Checklist) but not decided, past day 21 and past day 28 of
 * the 28-day measure: {@code handover_chc_undecided_cases{past_day="21"|"28"}} (a case past day 28 is counted in
 * both). Fast Track cases have their own 48-hour clock. Read from the database once a minute over the index on
 * decision and receipt, so decided cases are not read.
 */
@Component
class ChcUndecidedMetrics implements PeriodicGauge {

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private volatile long pastDay21;
    private volatile long pastDay28;

    ChcUndecidedMetrics(MeterRegistry registry, JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        register(registry, ChcProcess.SECOND_WARNING_DAY, () -> pastDay21);
        register(registry, ChcProcess.DECISION_DAYS, () -> pastDay28);
    }

    private static void register(MeterRegistry registry, int day, Supplier<Number> value) {
        Gauge.builder("handover.chc.undecided.cases", value)
                .description("Standard CHC referrals received by the ICB and not decided, past the given day")
                .tag("past_day", Integer.toString(day))
                .register(registry);
    }

    @Scheduled(fixedDelayString = "${handover.operations.metrics-interval:60s}", initialDelay = 5_000)
    @Override
    public synchronized void refresh() {
        Instant now = clock.instant();
        Map<String, Object> row = jdbc.queryForMap("select count(*) as past_21,"
                + " count(case when icb_received_at <= ? then 1 end) as past_28 from chc_case"
                + " where decided_at is null and icb_received_at <= ? and pathway = ?",
                Timestamp.from(now.minus(Duration.ofDays(ChcProcess.DECISION_DAYS))),
                Timestamp.from(now.minus(Duration.ofDays(ChcProcess.SECOND_WARNING_DAY))), ChcCases.STANDARD);
        pastDay21 = ((Number) row.get("past_21")).longValue();
        pastDay28 = ((Number) row.get("past_28")).longValue();
    }
}
