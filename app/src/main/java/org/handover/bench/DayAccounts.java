package org.handover.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.handover.processes.transfer.TransferOfCareProcess;

/**
 * The national day's books, read from the application's database and the simulators once the run has drained:
 * latency from each event to its first task and to each delivery, the delivery ledger by channel and status,
 * transactions and statements per workflow, and the reconciliation of what Handover accepted with what the outside
 * world received (the same comparison as ops/cluster/two-nodes.sh, by the receiver's idempotency key).
 * Every query here starts with the comment {@code national-day}, so that the statement counts leave them out.
 */
final class DayAccounts {

    static final String MARK = "/* national-day */ ";
    static final Set<String> ACCEPTED_BY_RECEIVER = Set.of("SENT", "DELIVERED", "ACKNOWLEDGED", "UNDELIVERABLE");
    static final Set<String> UNFINISHED = Set.of("PENDING", "QUEUED", "SENDING", "FAILED");

    /** Delivery to the outside world, as the chart draws it: the channel and when the receiver took each message. */
    record Delivery(String channel, long sentAtMillis) {
    }

    private final Connection db;
    private final DayEvents events;

    DayAccounts(Connection db, DayEvents events) {
        this.db = db;
        this.events = events;
    }

    /** Transactions committed and rolled back in the application's database so far (pg_stat_database). */
    long[] transactions() throws SQLException {
        try (Statement query = db.createStatement(); ResultSet rs = query.executeQuery(MARK
                + "select xact_commit, xact_rollback from pg_stat_database where datname = current_database()")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    /** What is still to do: outbox not yet accepted, open tasks of the day's kinds, FFT and dispatch in flight. */
    long unfinished() throws SQLException {
        return count("select count(*) from outbox_message where status in ('PENDING', 'QUEUED', 'SENDING', 'FAILED')")
                + count("select count(*) from act_ru_task where task_def_key_ in ("
                        + quoted(DayStaff.TASKS) + ")")
                + count("select count(*) from fft_conversation where state not in ('ENDED', 'SKIPPED')")
                + count("select count(*) from encounter_dispatch where state = 'PENDING'");
    }

    /** From each event to the first task of its business key (triage, discharge summary or pathway, Checklist). */
    void firstTasks(DayReport report) throws SQLException {
        Map<String, Long> first = new HashMap<>();
        try (Statement query = db.createStatement(); ResultSet rs = query.executeQuery(MARK + """
                select p.business_key_, min(t.start_time_) from act_hi_taskinst t
                join act_hi_procinst p on p.id_ = t.proc_inst_id_
                where t.task_def_key_ in (%s) group by p.business_key_""".formatted(quoted(DayStaff.TASKS)))) {
            while (rs.next()) {
                first.put(rs.getString(1), rs.getTimestamp(2).getTime());
            }
        }
        Map<DayFlow, List<Long>> latencies = byFlow();
        first.forEach((key, at) -> events.event(key).ifPresent(e -> latencies.get(e.flow()).add(at - e.dueAtMillis())));
        for (DayFlow flow : List.of(DayFlow.REFERRAL, DayFlow.DISCHARGE, DayFlow.CHC)) {
            report.latency(flow.label(), "event to first task", latencies.get(flow));
        }
    }

    /**
     * From each event to the receiver accepting each message it caused, per flow and message type (an FFT question
     * counts for the discharge or the posted encounter that asked it). Returns every delivery, for the chart.
     */
    List<Delivery> deliveries(DayReport report) throws SQLException {
        Map<String, String> conversationToEncounter = new HashMap<>();
        try (Statement query = db.createStatement();
                ResultSet rs = query.executeQuery(MARK + "select id, encounter_id from fft_conversation")) {
            while (rs.next()) {
                conversationToEncounter.put(rs.getString(1), rs.getString(2));
            }
        }
        Map<String, List<Long>> latencies = new TreeMap<>();
        Map<DayFlow, List<Long>> perFlow = byFlow();
        List<Delivery> deliveries = new ArrayList<>();
        try (Statement query = db.createStatement(); ResultSet rs = query.executeQuery(MARK
                + "select correlation_key, message_type, channel, sent_at from outbox_message where sent_at is not null")) {
            while (rs.next()) {
                long sentAt = rs.getTimestamp(4).getTime();
                deliveries.add(new Delivery(rs.getString(3), sentAt));
                String key = rs.getString(1);
                String type = rs.getString(2);
                events.event(key).or(() -> events.event(conversationToEncounter.get(key))).ifPresent(e -> {
                    latencies.computeIfAbsent(e.flow().label() + "\t" + type, k -> new ArrayList<>())
                            .add(sentAt - e.dueAtMillis());
                    perFlow.get(e.flow()).add(sentAt - e.dueAtMillis());
                });
            }
        }
        latencies.forEach((flowAndType, millis) -> {
            String[] parts = flowAndType.split("\t");
            report.latency(parts[0], "event to delivery " + parts[1], millis);
        });
        perFlow.forEach((flow, millis) -> report.latency(flow.label(), "event to delivery (all messages)", millis));
        return deliveries;
    }

    void ledger(DayReport report) throws SQLException {
        try (Statement query = db.createStatement(); ResultSet rs = query.executeQuery(MARK
                + "select channel, status, count(*) from outbox_message group by channel, status order by 1, 2")) {
            while (rs.next()) {
                report.add("ledger", rs.getString(1), rs.getString(2), rs.getLong(3), "messages");
            }
        }
    }

    /**
     * The application's calls of each statement so far (pg_stat_statements, reset by the script), the generator's
     * own left out; empty when the extension cannot be read.
     */
    Map<String, Long> statementCalls() {
        Map<String, Long> calls = new HashMap<>();
        try (Statement query = db.createStatement(); ResultSet rs = query.executeQuery(MARK + """
                select query, calls from pg_stat_statements
                where userid = current_user::regrole and dbid = (select oid from pg_database
                                                                 where datname = current_database())""")) {
            while (rs.next()) {
                String sql = rs.getString(1);
                if (!sql.contains("national-day")) {
                    calls.merge(sql, rs.getLong(2), Long::sum);
                }
            }
        } catch (SQLException noExtension) {
            return Map.of();
        }
        return calls;
    }

    /**
     * The application's statements since {@code before} (the warm-up's left out), grouped by the workflow whose
     * tables they touch, with calls per item of that workflow.
     */
    void statements(DayReport report, Map<String, Integer> itemsPerWorkflow, Map<String, Long> before) {
        Map<String, Long> after = statementCalls();
        if (after.isEmpty()) {
            report.add("statements", "all", "pg_stat_statements unreadable", "", "");
            return;
        }
        Map<String, long[]> byWorkflow = new TreeMap<>();
        after.forEach((sql, calls) -> {
            long made = calls - before.getOrDefault(sql, 0L);
            if (made > 0) {
                long[] w = byWorkflow.computeIfAbsent(workflowOf(sql), k -> new long[2]);
                w[0] += made;
                w[1]++;
            }
        });
        long total = 0;
        for (Map.Entry<String, long[]> entry : byWorkflow.entrySet()) {
            long calls = entry.getValue()[0];
            total += calls;
            report.add("statements", entry.getKey(), "calls", calls, "statements");
            report.add("statements", entry.getKey(), "distinct statements", entry.getValue()[1], "statements");
            Integer items = itemsPerWorkflow.get(entry.getKey());
            if (items != null && items > 0) {
                report.add("statements", entry.getKey(), "calls per item", (double) calls / items,
                        "statements/item");
            }
        }
        report.add("statements", "all", "calls", total, "statements");
    }

    /** The workflow a statement serves, by the first of Handover's tables it names; Camunda's own apart. */
    static String workflowOf(String sql) {
        String s = sql.toLowerCase();
        if (s.contains("referral")) {
            return "referral";
        }
        if (s.contains("fft_")) {
            return "fft";
        }
        if (s.contains("chc_")) {
            return "chc";
        }
        if (s.contains("hospital_") || s.contains("encounter_dispatch") || s.contains("transfer_of_care")
                || s.contains("discharge_to_assess") || s.contains("gp_mailbox")) {
            return "discharge";
        }
        if (s.contains("outbox_message") || s.contains("inbound_message") || s.contains("mesh_inbound")) {
            return "delivery";
        }
        if (s.contains("act_")) {
            return "camunda";
        }
        if (s.contains("audit_event") || s.contains("quarantined_input")) {
            return "audit";
        }
        return "other";
    }

    /**
     * Reconciles the ledger with what the simulators received, per channel, and each flow's accepted arrivals with
     * what Handover stored and finished. Adds the rows and returns the problems found (empty: all accounted for).
     */
    List<String> reconcile(DayReport report, String appBase, String outsideBase, NationalDayMix mix,
            DayEvents warmUp) throws Exception {
        List<String> problems = new ArrayList<>();
        Map<String, Map<String, Integer>> accepted = new TreeMap<>();
        Map<String, Map<String, Integer>> received = new TreeMap<>();
        Map<String, int[]> perChannel = new TreeMap<>();
        for (String line : fetch(appBase + "/api/admin/bench/cluster/ledger").split("\n")) {
            String[] f = line.split("\t");
            if (f.length < 3) {
                continue;
            }
            int[] c = perChannel.computeIfAbsent(f[0], k -> new int[7]);
            if (ACCEPTED_BY_RECEIVER.contains(f[2])) {
                accepted.computeIfAbsent(f[0], k -> new HashMap<>()).merge(f[1], 1, Integer::sum);
                c[0]++;
            } else if (UNFINISHED.contains(f[2])) {
                c[5]++;
            } else {
                c[6]++;
            }
        }
        for (String line : fetch(outsideBase + "/api/admin/bench/cluster/received").split("\n")) {
            String[] f = line.split("\t");
            if (f.length < 2) {
                continue;
            }
            received.computeIfAbsent(f[0], k -> new HashMap<>()).merge(f[1], 1, Integer::sum);
            perChannel.computeIfAbsent(f[0], k -> new int[7])[1]++;
        }
        for (String channel : new TreeSet<>(perChannel.keySet())) {
            int[] c = perChannel.get(channel);
            Map<String, Integer> a = accepted.getOrDefault(channel, Map.of());
            Map<String, Integer> r = received.getOrDefault(channel, Map.of());
            a.forEach((key, n) -> {
                int got = r.getOrDefault(key, 0);
                c[2] += Math.max(0, n - got);
                c[3] += Math.max(0, got - n);
            });
            r.forEach((key, n) -> c[4] += a.containsKey(key) ? 0 : n);
            String[] names = {"accepted by receiver", "received by simulator", "lost", "duplicates",
                    "received but not accepted", "unfinished", "dead or abandoned"};
            for (int i = 0; i < names.length; i++) {
                report.add("reconciliation", channel, names[i], c[i], "messages");
                if (i >= 2 && c[i] > 0) {
                    problems.add(channel + ": " + c[i] + " " + names[i]);
                }
            }
        }
        flows(report, problems, mix, warmUp);
        return problems;
    }

    /**
     * Each flow's arrivals, the day's and the warm-up's, against what Handover stored: fewer stored than accepted is
     * a loss, more than were sent a duplicate; likewise the FFT conversations against the discharges and encounters.
     */
    private void flows(DayReport report, List<String> problems, NationalDayMix mix, DayEvents warmUp)
            throws SQLException {
        check(report, problems, warmUp, DayFlow.REFERRAL, "stored", count("select count(*) from referral"));
        check(report, problems, warmUp, DayFlow.DISCHARGE, "transfers of care started", count(
                "select count(distinct p.business_key_) from act_hi_procinst p where p.proc_def_key_ = '"
                        + TransferOfCareProcess.KEY + "'"));
        check(report, problems, warmUp, DayFlow.CHC, "cases opened", count("select count(*) from chc_case"));
        long conversations = count("select count(*) from fft_conversation");
        long completed = count("select count(*) from fft_conversation where state = 'ENDED' and outcome = 'COMPLETED'");
        long skipped = count("select count(*) from fft_conversation where state = 'SKIPPED'");
        long expected = events.accepted(DayFlow.DISCHARGE) + events.accepted(DayFlow.FFT)
                + warmUp.accepted(DayFlow.DISCHARGE) + warmUp.accepted(DayFlow.FFT);
        long sent = events.sent(DayFlow.DISCHARGE) + events.sent(DayFlow.FFT) + warmUp.sent(DayFlow.DISCHARGE)
                + warmUp.sent(DayFlow.FFT);
        report.add("reconciliation", "fft", "conversations expected (discharges + encounters accepted, warm-up"
                + " included)", expected, "conversations");
        report.add("reconciliation", "fft", "conversations", conversations, "conversations");
        report.add("reconciliation", "fft", "completed", completed, "conversations");
        report.add("reconciliation", "fft", "skipped by the rules", skipped, "conversations");
        if (conversations < expected) {
            problems.add("fft: " + (expected - conversations) + " accepted encounters without a conversation");
        }
        if (conversations > sent) {
            problems.add("fft: " + (conversations - sent) + " conversations more than discharges and encounters sent");
        }
        if (completed + skipped < conversations) {
            problems.add("fft: " + (conversations - completed - skipped) + " conversations not completed");
        }
        for (DayFlow flow : DayFlow.values()) {
            report.add("reconciliation", flow.label(), "planned", mix.count(flow), "arrivals");
            report.add("reconciliation", flow.label(), "refused or unanswered", events.refused(flow), "arrivals");
            report.add("reconciliation", flow.label(), "refused or unanswered in the warm-up", warmUp.refused(flow),
                    "arrivals");
            int refused = events.refused(flow) + warmUp.refused(flow);
            if (refused > 0) {
                problems.add(flow.label() + ": " + refused + " valid arrivals refused or unanswered");
            }
        }
        long incidents = count("select count(*) from act_ru_incident");
        long quarantined = count("select count(*) from quarantined_input");
        long openTasks = count("select count(*) from act_ru_task where task_def_key_ in ("
                + quoted(DayStaff.TASKS) + ")");
        report.add("reconciliation", "all", "Camunda incidents", incidents, "incidents");
        report.add("reconciliation", "all", "inputs quarantined (all were valid)", quarantined, "inputs");
        report.add("reconciliation", "all", "day's tasks still open", openTasks, "tasks");
        if (incidents > 0) {
            problems.add(incidents + " Camunda incidents");
        }
        if (quarantined > 0) {
            problems.add(quarantined + " valid inputs quarantined");
        }
        if (openTasks > 0) {
            problems.add(openTasks + " of the day's tasks still open");
        }
    }

    /** Stored must be at least what was answered as accepted, and at most what was sent (day and warm-up). */
    private void check(DayReport report, List<String> problems, DayEvents warmUp, DayFlow flow, String what,
            long stored) {
        int accepted = events.accepted(flow) + warmUp.accepted(flow);
        int sent = events.sent(flow) + warmUp.sent(flow);
        report.add("reconciliation", flow.label(), "accepted", events.accepted(flow), "arrivals");
        report.add("reconciliation", flow.label(), "accepted in the warm-up", warmUp.accepted(flow), "arrivals");
        report.add("reconciliation", flow.label(), what + " (day and warm-up)", stored, "arrivals");
        if (stored < accepted) {
            problems.add(flow.label() + ": " + accepted + " accepted but " + stored + " " + what);
        }
        if (stored > sent) {
            problems.add(flow.label() + ": " + sent + " sent but " + stored + " " + what + " (duplicates)");
        }
    }

    private long count(String sql) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(MARK + sql); ResultSet rs = query.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String fetch(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", FftLoad.basic("admin")).timeout(Duration.ofMinutes(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode());
        }
        return response.body();
    }

    private static String quoted(List<String> values) {
        return String.join(", ", values.stream().map(v -> "'" + v + "'").toList());
    }

    private static Map<DayFlow, List<Long>> byFlow() {
        Map<DayFlow, List<Long>> map = new EnumMap<>(DayFlow.class);
        for (DayFlow flow : DayFlow.values()) {
            map.put(flow, new ArrayList<>());
        }
        return map;
    }

    static Map<String, Integer> itemsPerWorkflow(DayEvents events) {
        Map<String, Integer> items = new LinkedHashMap<>();
        items.put("referral", events.accepted(DayFlow.REFERRAL));
        items.put("discharge", events.accepted(DayFlow.DISCHARGE));
        items.put("fft", events.accepted(DayFlow.DISCHARGE) + events.accepted(DayFlow.FFT));
        items.put("chc", events.accepted(DayFlow.CHC));
        return items;
    }
}
