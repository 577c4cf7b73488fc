package org.handover.bench;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.handover.adt.MllpConnection;
import org.handover.domain.NhsNumber;

/**
 * Load generator for ops/bench/adt-discharges.sh, in its own JVM like a PAS: A01 + A03 pairs over MLLP from N
 * connections at rising target rates (discharges/s), each connection paced to its share of the rate and waiting for
 * each ACK. A step sends for the given seconds (a connection that falls behind sends as fast as its ACKs come back,
 * and stops at the deadline), then waits until the application has handed every acknowledged event to the
 * downstream processes (the encounter_dispatch backlog, read from the database).
 *
 * <p>Prints per step: discharges acknowledged AA per second and ACK latency percentiles (A01 and A03 together, and
 * A03 alone); then the drain: ACK-to-processes-started p50/p99, seconds from the end of sending until the backlog was
 * zero, and events dispatched per second over the whole step; and the CPU per discharge of the application, of
 * PostgreSQL (the postmaster and its backends) and of this load generator, over sending and draining.
 *
 * <pre>AdtDischargeLoad --port=2575 --connections=8 --rates=50,100,200,300 --seconds=20 [--app-pid=1234]
 *     [--pg-pid=5678] [--jdbc-url=jdbc:postgresql://...] [--jdbc-user=handover] [--jdbc-password=...]</pre>
 */
public final class AdtDischargeLoad {

    private static final DateTimeFormatter HL7_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    /** Every patient of this benchmark has the same mobile: it measures intake, not the FFT. */
    private static final String PAS_MOBILE = "07700900123";
    private static final AtomicLong SEQUENCE = new AtomicLong(System.currentTimeMillis() % 1_000_000L * 1000);

    private AdtDischargeLoad() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        String host = option(args, "host", "127.0.0.1");
        int port = Integer.parseInt(option(args, "port", "2575"));
        int connections = Integer.parseInt(option(args, "connections", "8"));
        int seconds = Integer.parseInt(option(args, "seconds", "20"));
        int drainLimit = Integer.parseInt(option(args, "drain-seconds", "300"));
        String pid = option(args, "app-pid", null);
        String pgPid = option(args, "pg-pid", null);
        String jdbcUrl = option(args, "jdbc-url", null);
        int[] rates = Arrays.stream(option(args, "rates", "50,100,200").split(",")).mapToInt(Integer::parseInt).toArray();
        try (Connection db = jdbcUrl == null ? null : DriverManager.getConnection(jdbcUrl,
                option(args, "jdbc-user", "handover"), option(args, "jdbc-password", ""))) {
            out.printf("%-8s %-10s %-7s %-7s %-7s %-7s %-7s %-8s %-8s | %-9s %-9s %-8s %-9s | %-8s %-8s %-8s %-7s%n",
                    "target/s", "AA disch/s", "sent", "refused", "p50 ms", "p95 ms", "p99 ms", "A03 p99", "max ms",
                    "disp p50", "disp p99", "drain s", "disp ev/s", "app ms/d", "pg ms/d", "load ms/d", "RSS MiB");
            for (int rate : rates) {
                Step step = run(host, port, connections, rate, seconds, pid, pgPid, db, drainLimit);
                out.printf("%-8d %-10.1f %-7d %-7d %-7.1f %-7.1f %-7.1f %-8.1f %-8.1f | %-9.0f %-9.0f %-8s %-9.1f | "
                        + "%-8.2f %-8.2f %-8.2f %-7d%n", rate,
                        step.discharges / step.elapsedSeconds, step.sent, step.refused, step.percentile(step.all, 50),
                        step.percentile(step.all, 95), step.percentile(step.all, 99), step.percentile(step.a03, 99),
                        step.percentile(step.all, 100), step.dispatchP50, step.dispatchP99,
                        step.drainSeconds < 0 ? "n/a" : String.format("%.1f", step.drainSeconds),
                        step.dispatchedPerSecond, step.perDischarge(step.appCpuMillis),
                        step.perDischarge(step.pgCpuMillis), step.perDischarge(step.loadCpuMillis), step.rssMiB);
            }
        }
    }

    private static Step run(String host, int port, int connections, int rate, int seconds, String pid, String pgPid,
            Connection db, int drainLimit) throws Exception {
        Step step = new Step();
        long appBefore = ProcStats.cpuMillis(pid);
        long pgBefore = ProcStats.postgresCpuMillis(pgPid);
        long loadBefore = ProcStats.ownCpuMillis();
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        double perConnectionInterval = 1_000_000_000.0 * connections / rate;
        CountDownLatch done = new CountDownLatch(connections);
        AtomicInteger failures = new AtomicInteger();
        for (int c = 0; c < connections; c++) {
            long offset = (long) (perConnectionInterval * c / connections);
            new Thread(() -> {
                try (MllpConnection pas = new MllpConnection(host, port)) {
                    long next = start + offset;
                    while (next < end && System.nanoTime() < end) {
                        long wait = next - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                        pair(pas, step);
                        next += (long) perConnectionInterval;
                    }
                } catch (Exception e) {
                    failures.incrementAndGet();
                } finally {
                    done.countDown();
                }
            }, "pas-" + c).start();
        }
        done.await();
        step.elapsedSeconds = (System.nanoTime() - start) / 1e9;
        step.refused += failures.get();
        if (db != null) {
            try {
                drain(db, step, startedAt, drainLimit);
            } catch (SQLException noDispatchTable) {
                // an application from before docs/decisions/0007 (BENCH_JAR): everything happened before the ACK
                step.drainSeconds = -1;
            }
        }
        step.appCpuMillis = ProcStats.cpuMillis(pid) - appBefore;
        step.pgCpuMillis = ProcStats.postgresCpuMillis(pgPid) - pgBefore;
        step.loadCpuMillis = ProcStats.ownCpuMillis() - loadBefore;
        step.rssMiB = ProcStats.rssMiB(pid);
        return step;
    }

    /** Waits until nothing acknowledged is left to dispatch, then reads how long each event of the step waited. */
    private static void drain(Connection db, Step step, Instant startedAt, int drainLimit) throws Exception {
        long sendingEnded = System.nanoTime();
        long deadline = sendingEnded + drainLimit * 1_000_000_000L;
        while (pendingDispatches(db) > 0) {
            if (System.nanoTime() > deadline) {
                step.drainSeconds = -1;
                break;
            }
            Thread.sleep(100);
        }
        if (step.drainSeconds == 0) {
            step.drainSeconds = (System.nanoTime() - sendingEnded) / 1e9;
        }
        try (PreparedStatement query = db.prepareStatement("""
                select percentile_cont(0.5) within group (order by extract(epoch from dispatched_at - created_at)),
                       percentile_cont(0.99) within group (order by extract(epoch from dispatched_at - created_at)),
                       count(*), extract(epoch from max(dispatched_at) - min(created_at))
                from encounter_dispatch where created_at >= ? and state = 'DISPATCHED'""")) {
            query.setTimestamp(1, Timestamp.from(startedAt));
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                step.dispatchP50 = rs.getDouble(1) * 1000;
                step.dispatchP99 = rs.getDouble(2) * 1000;
                double span = rs.getDouble(4);
                step.dispatchedPerSecond = span > 0 ? rs.getLong(3) / span : 0;
            }
        }
    }

    private static long pendingDispatches(Connection db) throws SQLException {
        try (ResultSet rs = db.createStatement().executeQuery(
                "select count(*) from encounter_dispatch where state = 'PENDING'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void pair(MllpConnection pas, Step step) {
        long n = SEQUENCE.incrementAndGet();
        String nhs = syntheticNhsNumber(n);
        String episode = "BENCH-" + n;
        LocalDateTime now = LocalDateTime.now();
        boolean pathwayOne = n % 2 == 0;
        send(pas, step, message("A01", "ADT_A01", "B" + n + "-1", nhs, PAS_MOBILE, episode, now.minusDays(3), null, ""),
                false);
        String facts = dischargeFacts(pathwayOne);
        if (send(pas, step, message("A03", "ADT_A03", "B" + n + "-3", nhs, PAS_MOBILE, episode, now.minusDays(3), now,
                facts), true)) {
            step.discharges++;
        }
    }

    private static boolean send(MllpConnection pas, Step step, String message, boolean discharge) {
        long t0 = System.nanoTime();
        String ack = pas.send(message);
        double ms = (System.nanoTime() - t0) / 1e6;
        synchronized (step) {
            step.sent++;
            step.all.add(ms);
            if (discharge) {
                step.a03.add(ms);
            }
            if (!"AA".equals(MllpConnection.code(ack))) {
                step.refused++;
                return false;
            }
        }
        return true;
    }

    /** The Discharge to Assess facts as OBX segments: pathway 1 (needs support at home) or pathway 0. */
    static String dischargeFacts(boolean pathwayOne) {
        return "OBX|1|ST|D2A-NEEDS-SUPPORT^Needs support at home^L||" + (pathwayOne ? "Y" : "N") + "||||||F\r"
                + "OBX|2|ST|D2A-LIVED-ALONE^Lived alone^L||Y||||||F\r";
    }

    /** An ADT message of a synthetic inpatient stay; {@code mobile} in the UK form (07700 900123 as 07700900123). */
    static String message(String trigger, String structure, String controlId, String nhs, String mobile, String episode,
            LocalDateTime admitted, LocalDateTime discharged, String tail) {
        return "MSH|^~\\&|BENCHPAS|RX1|HANDOVER|RX1|" + HL7_TIME.format(LocalDateTime.now()) + "||ADT^" + trigger + "^"
                + structure + "|" + controlId + "|P|2.5\r"
                + "EVN|" + trigger + "|" + HL7_TIME.format(LocalDateTime.now()) + "\r"
                + "PID|1||" + nhs + "^^^NHS^NH||Bench^Patient||19400101|F|||1 High Street^^Stockport^^SK7 1AB^GBR||"
                + mobile + "^PRN^CP\r"
                + "PD1|||Practice^^A81001\r"
                + "PV1|1|I|Ward 7^^^RX1||||C1^Hopper^Grace^^^Dr|||430|||||||||" + episode + "|||||||||||||||||"
                + (discharged == null ? "" : "01") + "||||||||" + HL7_TIME.format(admitted) + "|"
                + (discharged == null ? "" : HL7_TIME.format(discharged)) + "\r" + tail;
    }

    /** 999-prefixed test-range numbers with a valid check digit. */
    static String syntheticNhsNumber(long n) {
        for (long k = n; ; k++) {
            String nine = "999" + String.format("%06d", k % 1_000_000);
            var number = NhsNumber.withCheckDigit(nine);
            if (number.isPresent()) {
                return number.get().value();
            }
        }
    }

    static String option(String[] args, String name, String fallback) {
        for (String arg : args) {
            if (arg.startsWith("--" + name + "=")) {
                return arg.substring(name.length() + 3);
            }
        }
        return fallback;
    }

    private static final class Step {
        final List<Double> all = new ArrayList<>();
        final List<Double> a03 = new ArrayList<>();
        int sent;
        int refused;
        int discharges;
        double elapsedSeconds;
        double drainSeconds;
        double dispatchP50;
        double dispatchP99;
        double dispatchedPerSecond;
        long appCpuMillis;
        long pgCpuMillis;
        long loadCpuMillis;
        long rssMiB;

        synchronized double percentile(List<Double> values, int p) {
            if (values.isEmpty()) {
                return 0;
            }
            List<Double> sorted = new ArrayList<>(values);
            sorted.sort(Double::compare);
            int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
            return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
        }

        double perDischarge(long cpuMillis) {
            return discharges == 0 ? 0 : (double) cpuMillis / discharges;
        }
    }
}
