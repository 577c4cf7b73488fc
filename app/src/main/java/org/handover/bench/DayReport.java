package org.handover.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The national day's figures as rows of {@code section, flow, metric, value, unit}: written as summary.csv (one row
 * each, a header first) and printed as text grouped by section. Sections: run, throughput, latency, ledger, database,
 * statements, process, reconciliation.
 */
final class DayReport {

    static final String HEADER = "section,flow,metric,value,unit";

    record Row(String section, String flow, String metric, String value, String unit) {
    }

    private final List<Row> rows = new ArrayList<>();

    void add(String section, String flow, String metric, Object value, String unit) {
        String text = value instanceof Double d ? String.format(Locale.ROOT, "%.2f", d) : String.valueOf(value);
        rows.add(new Row(section, flow, metric, text, unit));
    }

    /** count, p50, p95, p99 and max of {@code millis} under {@code metric} (nothing but the count when empty). */
    void latency(String flow, String metric, List<Long> millis) {
        latency("latency", flow, metric, millis);
    }

    /** The same, under another section. */
    void latency(String section, String flow, String metric, List<Long> millis) {
        add(section, flow, metric + " count", millis.size(), "events");
        Map<String, Object> percentiles = ReferralLoad.percentiles(millis);
        for (String p : List.of("p50", "p95", "p99", "max")) {
            if (percentiles.containsKey(p)) {
                add(section, flow, metric + " " + p, percentiles.get(p), "ms");
            }
        }
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    Optional<String> value(String section, String flow, String metric) {
        return rows.stream().filter(r -> r.section().equals(section) && r.flow().equals(flow)
                && r.metric().equals(metric)).map(Row::value).findFirst();
    }

    String csv() {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (Row row : rows) {
            out.append(String.join(",", cell(row.section()), cell(row.flow()), cell(row.metric()), cell(row.value()),
                    cell(row.unit()))).append('\n');
        }
        return out.toString();
    }

    String text() {
        StringBuilder out = new StringBuilder();
        String section = null;
        for (Row row : rows) {
            if (!row.section().equals(section)) {
                section = row.section();
                out.append(section).append(":\n");
            }
            out.append(String.format(Locale.ROOT, "  %-14s %-44s %14s %s%n", row.flow(), row.metric(), row.value(),
                    row.unit()));
        }
        return out.toString();
    }

    /** RFC 4180: quoted when it holds a comma, a quote or a line break; quotes doubled. */
    static String cell(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }
}
