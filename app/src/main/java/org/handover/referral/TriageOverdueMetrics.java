package org.handover.referral;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.handover.processes.referral.ReferralProcess;
import org.handover.rules.referral.RoutingEntry;
import org.handover.system.PeriodicGauge;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Open triage tasks past their due date, by specialty and triage team: {@code handover_referral_triage_overdue_tasks}.
 * Every pair in the routing table in force is shown, at zero when nothing is overdue, so a dashboard shows each team
 * and an alert can tell "none overdue" from "no data". Refreshed once a minute, as the Tasklist's overdue check is,
 * with one query over the open tasks (Camunda's runtime task table holds open tasks only).
 */
@Component
class TriageOverdueMetrics implements PeriodicGauge {

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final RoutingTable routing;
    private final MultiGauge gauge;

    TriageOverdueMetrics(MeterRegistry registry, JdbcTemplate jdbc, Clock clock, RoutingTable routing) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.routing = routing;
        this.gauge = MultiGauge.builder("handover.referral.triage.overdue.tasks")
                .description("Open triage tasks past their due date, by specialty and triage team")
                .register(registry);
    }

    @Scheduled(fixedDelayString = "${handover.operations.metrics-interval:60s}", initialDelay = 5_000)
    @Override
    public synchronized void refresh() {
        Map<Tags, Long> overdue = new LinkedHashMap<>();
        for (RoutingEntry entry : routing.current().entries()) {
            overdue.put(tags(entry.specialtyCode(), entry.triageGroup()), 0L);
        }
        jdbc.query("""
                select r.specialty_code, r.triage_team, count(*) as n
                from ACT_RU_TASK t
                join ACT_RU_EXECUTION e on e.ID_ = t.PROC_INST_ID_
                join referral r on r.ubrn = e.BUSINESS_KEY_
                where t.TASK_DEF_KEY_ = ? and t.DUE_DATE_ < ?
                group by r.specialty_code, r.triage_team
                """, row -> {
            overdue.put(tags(row.getString("specialty_code"), row.getString("triage_team")), row.getLong("n"));
        }, ReferralProcess.Elements.TRIAGE, Timestamp.from(clock.instant()));
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        overdue.forEach((tags, count) -> rows.add(MultiGauge.Row.of(tags, count)));
        gauge.register(rows, true);
    }

    private static Tags tags(String specialty, String team) {
        return Tags.of("specialty", String.valueOf(specialty), "team", String.valueOf(team));
    }
}
