package org.handover.fft;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.handover.encounter.EncounterSetting;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Monthly Friends and Family Test results: responses are counted in the month they were answered (UK local time),
 * skips in the month the encounter ended. Per organisation, site, ward and setting, as NHS England's monthly
 * submission has them; percentages of all responses (Don't know included), rounded to whole numbers like the
 * published data.
 */
@Service
class FftResults {

    /** One line of the submission. {@code answers[0]} is the count of answer 1 (Very good), and so on to 6. */
    record Line(String period, String organisationCode, String siteCode, String ward, String setting, long[] answers,
            long total, long collectedBySms, int percentPositive, int percentNegative) {
    }

    record Filters(String site, String ward, String setting) {
    }

    record Month(String period, List<Line> lines, Line overall, Map<String, Long> skipped,
            Map<String, Long> conversations) {
    }

    /** One ward in one month, for the trend chart. */
    record TrendPoint(String period, String siteCode, String ward, long responses, int percentPositive) {
    }

    record Comment(Instant answeredAt, String siteCode, String ward, String setting, int answer, String answerLabel,
            String comment) {
    }

    private final JdbcTemplate jdbc;
    private final FftProperties properties;

    FftResults(JdbcTemplate jdbc, FftProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    Month month(YearMonth month, Filters filters) {
        Timestamp from = start(month);
        Timestamp to = start(month.plusMonths(1));
        List<Object> args = new ArrayList<>(List.of(from, to));
        String where = filterSql(filters, args);
        Map<List<String>, long[]> counts = new TreeMap<>((a, b) -> String.join("|", a).compareTo(String.join("|", b)));
        jdbc.query("select organisation_code, site_code, ward, setting, answer, count(*) as n from fft_conversation "
                + "where answered_at >= ? and answered_at < ?" + where
                + " group by organisation_code, site_code, ward, setting, answer", rs -> {
                    List<String> key = List.of(rs.getString(1), nz(rs.getString(2)), nz(rs.getString(3)), rs.getString(4));
                    counts.computeIfAbsent(key, k -> new long[6])[rs.getInt(5) - 1] += rs.getLong(6);
                }, args.toArray());
        String period = month.toString();
        List<Line> lines = counts.entrySet().stream()
                .map(e -> line(period, e.getKey().get(0), e.getKey().get(1), e.getKey().get(2), e.getKey().get(3),
                        e.getValue()))
                .toList();
        long[] all = new long[6];
        lines.forEach(l -> {
            for (int i = 0; i < 6; i++) {
                all[i] += l.answers()[i];
            }
        });
        Line overall = line(period, properties.organisationCode(), "", "", "ALL", all);

        List<Object> skipArgs = new ArrayList<>(List.of(from, to));
        String skipWhere = filterSql(filters, skipArgs);
        Map<String, Long> skipped = new LinkedHashMap<>();
        jdbc.query("select skip_reason, count(*) from fft_conversation where state = 'SKIPPED' "
                + "and encounter_ended_at >= ? and encounter_ended_at < ?" + skipWhere
                + " group by skip_reason order by skip_reason", rs -> {
                    skipped.put(rs.getString(1), rs.getLong(2));
                }, skipArgs.toArray());

        List<Object> convArgs = new ArrayList<>(List.of(from, to));
        String convWhere = filterSql(filters, convArgs);
        Map<String, Object> c = jdbc.queryForMap("""
                select count(*) as sent,
                    sum(case when delivery_status = 'DELIVERED' then 1 else 0 end) as delivered,
                    sum(case when outcome = 'UNDELIVERED' then 1 else 0 end) as undelivered,
                    count(answer) as answered,
                    sum(case when outcome = 'NO_RESPONSE' then 1 else 0 end) as no_response,
                    sum(case when outcome = 'OPTED_OUT' then 1 else 0 end) as opted_out,
                    sum(case when outcome = 'UNCLASSIFIED' then 1 else 0 end) as unclassified,
                    count(comment) as comments
                from fft_conversation where asked_at >= ? and asked_at < ?""" + convWhere, convArgs.toArray());
        Map<String, Long> conversations = new LinkedHashMap<>();
        c.forEach((k, v) -> conversations.put(camel(k), v == null ? 0 : ((Number) v).longValue()));
        return new Month(period, lines, overall, skipped, conversations);
    }

    List<TrendPoint> trend(YearMonth last, int months, Filters filters) {
        YearMonth first = last.minusMonths(months - 1L);
        List<TrendPoint> points = new ArrayList<>();
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            Map<List<String>, long[]> byWard = new TreeMap<>((a, b) -> String.join("|", a).compareTo(String.join("|", b)));
            for (Line line : month(m, filters).lines()) {
                long[] sums = byWard.computeIfAbsent(List.of(line.siteCode(), line.ward()), k -> new long[6]);
                for (int i = 0; i < 6; i++) {
                    sums[i] += line.answers()[i];
                }
            }
            String period = m.toString();
            byWard.forEach((key, a) -> {
                Line l = line(period, "", key.get(0), key.get(1), "", a);
                points.add(new TrendPoint(period, key.get(0), key.get(1), l.total(), l.percentPositive()));
            });
        }
        return points;
    }

    List<Comment> comments(String text, Filters filters, int limit) {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder(" where answer is not null and comment is not null");
        if (text != null && !text.isBlank()) {
            where.append(" and lower(comment) like ?");
            args.add("%" + text.strip().toLowerCase().replace("%", "").replace("_", "") + "%");
        }
        where.append(filterSql(filters, args));
        return jdbc.query("select answered_at, site_code, ward, setting, answer, comment from fft_conversation" + where
                + " order by answered_at desc", (rs, n) -> new Comment(rs.getTimestamp(1).toInstant(), rs.getString(2),
                rs.getString(3), rs.getString(4), rs.getInt(5),
                org.handover.rules.fft.FftAnswer.of(rs.getInt(5)).label(), rs.getString(6)), args.toArray())
                .stream().limit(limit).toList();
    }

    static String settingLabel(String setting) {
        try {
            return switch (EncounterSetting.valueOf(setting)) {
                case INPATIENT -> "Inpatient";
                case DAY_CASE -> "Day case";
                case MATERNITY -> "Maternity";
                case EMERGENCY_DEPARTMENT -> "A&E";
                case OUTPATIENT -> "Outpatient";
            };
        } catch (IllegalArgumentException e) {
            return setting;
        }
    }

    private Timestamp start(YearMonth month) {
        return Timestamp.from(month.atDay(1).atStartOfDay(properties.zone()).toInstant());
    }

    private static Line line(String period, String org, String site, String ward, String setting, long[] a) {
        long total = 0;
        for (long n : a) {
            total += n;
        }
        return new Line(period, org, site, ward, setting, a.clone(), total, total, percent(a[0] + a[1], total),
                percent(a[3] + a[4], total));
    }

    static int percent(long part, long total) {
        return total == 0 ? 0 : (int) Math.round(100.0 * part / total);
    }

    private static String filterSql(Filters filters, List<Object> args) {
        StringBuilder sql = new StringBuilder();
        if (filters.site() != null && !filters.site().isBlank()) {
            sql.append(" and site_code = ?");
            args.add(filters.site().strip());
        }
        if (filters.ward() != null && !filters.ward().isBlank()) {
            sql.append(" and ward = ?");
            args.add(filters.ward().strip());
        }
        if (filters.setting() != null && !filters.setting().isBlank()) {
            sql.append(" and setting = ?");
            args.add(filters.setting().strip().toUpperCase());
        }
        return sql.toString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String camel(String column) {
        String lower = column.toLowerCase();
        StringBuilder out = new StringBuilder();
        boolean up = false;
        for (char ch : lower.toCharArray()) {
            if (ch == '_') {
                up = true;
            } else {
                out.append(up ? Character.toUpperCase(ch) : ch);
                up = false;
            }
        }
        return out.toString();
    }
}
