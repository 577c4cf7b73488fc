package org.handover.bench;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * The load generator of ops/bench/tasks.sh, in its own JVM: the national day's people ({@link StaffQueue}) working
 * one queue at a time through {@code /engine-rest} as their sandbox user, closed loop (each free person takes the
 * next open task as soon as their last completion is answered), until {@code --count} tasks of that queue are
 * completed. A warm-up of {@code --warmup} tasks per queue goes first, not measured. Per measured queue it reports
 * completions/s, the answers' p50/p95/p99 (completions and task lists), the CPU per completion of the application
 * (in all, over its idle cost, and by kind of thread: {@code http-nio-*} is the requests themselves) and of
 * PostgreSQL, and the statements per completion grouped by workflow ({@code statements-<task>.txt}: the most frequent).
 * The CPU window of a queue runs until the outbox is drained, so that what the completions caused is counted too.
 *
 * <pre>TaskLoad --app=http://127.0.0.1:18080 --queues=consultant:UserTask_TriageReferral,bookingadmin:UserTask_BookAppointment
 *     --count=1000 --people=16 --warmup=300 --jdbc-url=... --jdbc-user=handover --jdbc-password=... --out=DIR
 *     [--app-pid=] [--pg-pid=] [--profile-pid=: a flight recording of each measured queue, and the hottest frames
 *     of the HTTP threads in http-frames-<task>.txt]</pre>
 */
public final class TaskLoad {

    private static final int IDLE_SECONDS = 5;
    private static final long LONGEST_QUEUE_MILLIS = 600_000;
    private static final long LONGEST_DRAIN_MILLIS = 60_000;

    private TaskLoad() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        String app = option(args, "app", "http://127.0.0.1:18080");
        int count = Integer.parseInt(option(args, "count", "1000"));
        int people = Integer.parseInt(option(args, "people", "16"));
        int warmup = Integer.parseInt(option(args, "warmup", "300"));
        String appPid = option(args, "app-pid", null);
        String pgPid = option(args, "pg-pid", null);
        String profilePid = option(args, "profile-pid", null);
        Path dir = Path.of(option(args, "out", "."));
        Files.createDirectories(dir);
        List<String[]> queues = List.of(option(args, "queues",
                "consultant:" + DayStaff.TRIAGE + ",bookingadmin:" + DayStaff.BOOK).split(",")).stream()
                .map(queue -> queue.split(":", 2)).toList();
        DayReport report = new DayReport();
        report.add("run", "all", "load average at start", loadAverage(), "1/5/15 min");
        try (Connection db = DriverManager.getConnection(option(args, "jdbc-url", null),
                option(args, "jdbc-user", "handover"), option(args, "jdbc-password", ""))) {
            StaffHttp http = new StaffHttp();
            for (String[] queue : queues) {
                out.println("Warm-up: " + warmup + " " + queue[1] + " as " + queue[0] + " (not measured)...");
                DayReport ignored = new DayReport();
                work(queue, app, people, http, warmup, ignored);
                out.println("  " + ignored.value("staff", queue[1], "completed").orElse("?") + " completed, "
                        + ignored.value("staff", queue[1], "completions per second").orElse("?") + "/s");
            }
            drained(db);
            double idle = idleMillisPerSecond(appPid);
            report.add("process", "application", "idle CPU", idle, "ms/s");
            for (String[] queue : queues) {
                out.println("Measured: " + count + " " + queue[1] + " as " + queue[0] + ", " + people + " people...");
                Map<String, Long> statementsBefore = statements(db);
                Map<String, Long> threadsBefore = ProcStats.threadCpuMillis(appPid);
                long appBefore = ProcStats.cpuMillis(appPid);
                long pgBefore = ProcStats.postgresCpuMillis(pgPid);
                recording(profilePid, "start", "name=" + queue[1], "settings=profile");
                long started = System.currentTimeMillis();
                int completed = work(queue, app, people, http, count, report);
                drained(db);
                double seconds = (System.currentTimeMillis() - started) / 1000.0;
                long appMillis = ProcStats.cpuMillis(appPid) - appBefore;
                long pgMillis = ProcStats.postgresCpuMillis(pgPid) - pgBefore;
                Map<String, Long> threadsAfter = ProcStats.threadCpuMillis(appPid);
                String key = queue[1];
                int n = Math.max(1, completed);
                report.add("process", key, "application CPU per completion", (double) appMillis / n, "ms");
                report.add("process", key, "application CPU per completion over idle",
                        (appMillis - idle * seconds) / n, "ms");
                report.add("process", key, "PostgreSQL CPU per completion", (double) pgMillis / n, "ms");
                threadsAfter.entrySet().stream()
                        .map(e -> Map.entry(e.getKey(), e.getValue() - threadsBefore.getOrDefault(e.getKey(), 0L)))
                        .filter(e -> e.getValue() > 0)
                        .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                        .forEach(e -> report.add("process", key, "thread " + e.getKey(), (double) e.getValue() / n,
                                "ms/completion"));
                if (profilePid != null) {
                    Path jfr = dir.resolve("measured-" + key + ".jfr");
                    recording(profilePid, "stop", "name=" + key, "filename=" + jfr);
                    Files.writeString(dir.resolve("http-frames-" + key + ".txt"),
                            JfrFrames.hottest(jfr, "http-nio-", 80));
                }
                statementsPerCompletion(report, key, statementsBefore, statements(db), n,
                        dir.resolve("statements-" + key + ".txt"));
            }
        }
        report.add("run", "all", "load average at end", loadAverage(), "1/5/15 min");
        Files.writeString(dir.resolve("summary.csv"), report.csv());
        Files.writeString(dir.resolve("summary.txt"), report.text());
        out.print(report.text());
        System.exit(0);
    }

    /** What the day's person of that queue enters. */
    static StaffQueue.Decision decision(String taskKey) {
        Map<String, Object> variables = switch (taskKey) {
            case DayStaff.TRIAGE -> DayStaff.triage();
            case DayStaff.BOOK -> DayStaff.booking();
            case DayStaff.SUMMARY -> TransferOfCareBenchController.SUMMARY;
            default -> throw new IllegalArgumentException("no decision for " + taskKey);
        };
        return task -> CompletableFuture.completedFuture(variables);
    }

    /** Works the queue ({user, task key}) until {@code count} completions were answered 204; how many were. */
    private static int work(String[] queue, String app, int people, StaffHttp http, int count, DayReport report)
            throws InterruptedException {
        DayEvents events = new DayEvents();
        StaffQueue staff = new StaffQueue(queue[0], queue[1], app, people, decision(queue[1]), http, events);
        long started = System.currentTimeMillis();
        long deadline = started + LONGEST_QUEUE_MILLIS;
        staff.work(() -> events.staffDone(staff.taskKey()) < count && System.currentTimeMillis() < deadline);
        staff.awaitAnswers(LONGEST_QUEUE_MILLIS);
        double seconds = (System.currentTimeMillis() - started) / 1000.0;
        int completed = events.staffDone(staff.taskKey());
        report.add("staff", staff.taskKey(), "completed", completed, "tasks");
        report.add("staff", staff.taskKey(), "completions per second", completed / seconds, "/s");
        events.staffRefusals().forEach((what, n) -> report.add("staff", staff.taskKey(), "refused " + what, n, ""));
        staff.report(report);
        return completed;
    }

    /** {@code jcmd <pid> JFR.<command> <arguments>} when a pid to profile was given. */
    private static void recording(String pid, String command, String... arguments) throws Exception {
        if (pid == null) {
            return;
        }
        List<String> jcmd = new java.util.ArrayList<>(List.of("jcmd", pid, "JFR." + command));
        jcmd.addAll(List.of(arguments));
        new ProcessBuilder(jcmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
                .waitFor();
    }

    /** Until the outbox holds nothing still to deliver (what the completions sent), at most a minute. */
    private static void drained(Connection db) throws SQLException, InterruptedException {
        long deadline = System.currentTimeMillis() + LONGEST_DRAIN_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            try (Statement query = db.createStatement(); ResultSet rs = query.executeQuery(DayAccounts.MARK
                    + "select count(*) from outbox_message where status in ('PENDING', 'QUEUED', 'SENDING', 'FAILED')")) {
                rs.next();
                if (rs.getLong(1) == 0) {
                    return;
                }
            }
            Thread.sleep(200);
        }
    }

    private static double idleMillisPerSecond(String appPid) throws InterruptedException {
        long before = ProcStats.cpuMillis(appPid);
        Thread.sleep(IDLE_SECONDS * 1000L);
        return (ProcStats.cpuMillis(appPid) - before) / (double) IDLE_SECONDS;
    }

    /** The application's statements so far by text (pg_stat_statements), the generator's own left out. */
    private static Map<String, Long> statements(Connection db) throws SQLException {
        Map<String, Long> calls = new HashMap<>();
        try (Statement query = db.createStatement(); ResultSet rs = query.executeQuery(DayAccounts.MARK + """
                select query, calls from pg_stat_statements
                where userid = current_user::regrole and dbid = (select oid from pg_database
                                                                 where datname = current_database())""")) {
            while (rs.next()) {
                if (!rs.getString(1).contains("national-day")) {
                    calls.merge(rs.getString(1), rs.getLong(2), Long::sum);
                }
            }
        }
        return calls;
    }

    private static void statementsPerCompletion(DayReport report, String key, Map<String, Long> before,
            Map<String, Long> after, int completed, Path file) throws java.io.IOException {
        Map<String, Long> delta = new HashMap<>();
        after.forEach((sql, calls) -> {
            long d = calls - before.getOrDefault(sql, 0L);
            if (d > 0) {
                delta.put(sql, d);
            }
        });
        Map<String, Long> byWorkflow = new TreeMap<>();
        delta.forEach((sql, calls) -> byWorkflow.merge(DayAccounts.workflowOf(sql), calls, Long::sum));
        byWorkflow.forEach((workflow, calls) -> report.add("statements", key, workflow + " per completion",
                (double) calls / completed, "statements"));
        report.add("statements", key, "all per completion",
                delta.values().stream().mapToLong(Long::longValue).sum() / (double) completed, "statements");
        Files.writeString(file, delta.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(60)
                .map(e -> String.format(java.util.Locale.ROOT, "%8.2f  %s", (double) e.getValue() / completed,
                        e.getKey().replaceAll("\\s+", " ")))
                .collect(Collectors.joining("\n", "per completion  statement\n", "\n")));
    }

    private static String loadAverage() throws java.io.IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
        return String.join(" ", fields[0], fields[1], fields[2]);
    }

    static String option(String[] args, String name, String fallback) {
        return AdtDischargeLoad.option(args, name, fallback);
    }
}
