package org.handover.transfer;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The 24-hour standard by ward and specialty: of the discharges in a period (cancelled ones left out), how many the GP
 * acknowledged within the standard. A discharge still inside its 24 hours and not yet acknowledged is counted as
 * pending, neither met nor missed.
 */
@Component
class SlaReport {

    record Line(String ward, String specialty, int discharges, int withinStandard, int missed, int pending,
            Double percentWithinStandard) {
    }

    record Report(String period, List<Line> lines, Line overall) {
    }

    private final JdbcTemplate jdbc;
    private final TransferOfCareConfig.TransferSettings settings;

    SlaReport(JdbcTemplate jdbc, TransferOfCareConfig.TransferSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    Report month(YearMonth month, Instant now) {
        Instant from = month.atDay(1).atStartOfDay(settings.zone()).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(settings.zone()).toInstant();
        return between(month.toString(), from, to, now);
    }

    Report between(String period, Instant from, Instant to, Instant now) {
        Map<String, int[]> counts = new TreeMap<>();
        int[] overall = new int[4];
        jdbc.query("""
                select ward, specialty, discharged_at, acknowledged_at from transfer_of_care
                where discharged_at >= ? and discharged_at < ? and status <> 'CANCELLED'
                """, row -> {
            String key = orUnknown(row.getString("ward")) + "\u0000" + orUnknown(row.getString("specialty"));
            int outcome = outcome(row.getTimestamp("discharged_at").toInstant(),
                    row.getTimestamp("acknowledged_at"), now);
            int[] line = counts.computeIfAbsent(key, k -> new int[4]);
            line[0]++;
            line[outcome]++;
            overall[0]++;
            overall[outcome]++;
        }, Timestamp.from(from), Timestamp.from(to));
        List<Line> lines = new ArrayList<>();
        counts.forEach((key, c) -> {
            String[] parts = key.split("\u0000");
            lines.add(line(parts[0], parts[1], c));
        });
        return new Report(period, lines, line("all", "all", overall));
    }

    /**
     * All discharges of the period as one line, read without their ward and specialty: the periodic gauge's query,
     * one range of the index on discharge time.
     */
    Line overall(Instant from, Instant to, Instant now) {
        int[] overall = new int[4];
        jdbc.query("""
                select discharged_at, acknowledged_at from transfer_of_care
                where discharged_at >= ? and discharged_at < ? and status <> 'CANCELLED'
                """, row -> {
            overall[0]++;
            overall[outcome(row.getTimestamp("discharged_at").toInstant(), row.getTimestamp("acknowledged_at"), now)]++;
        }, Timestamp.from(from), Timestamp.from(to));
        return line("all", "all", overall);
    }

    /** 1 within the standard, 2 missed, 3 pending. */
    private int outcome(Instant discharged, Timestamp acknowledged, Instant now) {
        Instant due = discharged.plus(settings.standard());
        if (acknowledged != null) {
            return acknowledged.toInstant().isAfter(due) ? 2 : 1;
        }
        return now.isAfter(due) ? 2 : 3;
    }

    private static Line line(String ward, String specialty, int[] c) {
        int decided = c[1] + c[2];
        Double percent = decided == 0 ? null : Math.round(1000.0 * c[1] / decided) / 10.0;
        return new Line(ward, specialty, c[0], c[1], c[2], c[3], percent);
    }

    private static String orUnknown(String value) {
        return value == null || value.isBlank() ? "not given" : value;
    }

    Duration standard() {
        return settings.standard();
    }
}
