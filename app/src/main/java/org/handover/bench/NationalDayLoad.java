package org.handover.bench;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The load generator of ops/bench/national-day.sh, in its own JVM: replays {@code --fraction} of England's day
 * ({@link NationalDayMix}) compressed into {@code --run-seconds}, the four flows interleaved as a day's arrivals
 * ({@link DaySchedule}) and offered open loop (each arrival at its time, whatever the answers before it), while the
 * staff and the patients work ({@link DayStaff}). Then waits until everything is finished and delivered, reads the
 * books ({@link DayAccounts}) and writes summary.csv, summary.txt and chart.png to {@code --out}. A one-line progress
 * bar goes to the terminal (stderr) while it runs. Exits 1 when anything is lost, duplicated, refused or unfinished.
 *
 * <pre>NationalDayLoad --fraction=0.02 --run-seconds=240 --app=http://127.0.0.1:18080 --outside=http://127.0.0.1:18090
 *     --mllp-port=18083 --jdbc-url=... --jdbc-user=handover --jdbc-password=... --out=DIR
 *     [--app-pid=] [--outside-pid=] [--pg-pid=] [--ceiling-tpcb=commits/s] [--ceiling-update=commits/s]
 *     [--drain-seconds=600] [--warm-up-rounds=6 (0: the day measured cold)]</pre>
 */
public final class NationalDayLoad {

    private static final int IDLE_SECONDS = 10;
    /**
     * PostgreSQL's memory is read every 30 s, not with each progress line: reading the smaps_rollup of every backend
     * is kernel time of the generator (6 ms a sweep of 26 small backends here; read every second during the day it
     * was the generator's busiest thread after the HTTP clients and the JIT).
     */
    private static final long PSS_EVERY_MILLIS = 30_000;
    private static final Map<DayFlow, Integer> CLIENT_THREADS = Map.of(DayFlow.REFERRAL, 8, DayFlow.DISCHARGE, 4,
            DayFlow.FFT, 4, DayFlow.CHC, 2);

    private NationalDayLoad() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream terminal = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        double fraction = Double.parseDouble(option(args, "fraction", "0.02"));
        NationalDayMix mix = NationalDayMix.of(fraction);
        int runSeconds = Integer.parseInt(option(args, "run-seconds",
                Long.toString(defaultRunSeconds(fraction))));
        Path dir = Path.of(option(args, "out", "."));
        Files.createDirectories(dir);
        Settings settings = new Settings(option(args, "app", "http://127.0.0.1:18080"),
                option(args, "outside", "http://127.0.0.1:18090"), option(args, "mllp-host", "127.0.0.1"),
                Integer.parseInt(option(args, "mllp-port", "18083")), option(args, "jdbc-url", null),
                option(args, "jdbc-user", "handover"), option(args, "jdbc-password", ""),
                option(args, "app-pid", null), option(args, "outside-pid", null), option(args, "pg-pid", null),
                Double.parseDouble(option(args, "ceiling-tpcb", "0")),
                Double.parseDouble(option(args, "ceiling-update", "0")),
                Integer.parseInt(option(args, "drain-seconds", "600")),
                Integer.parseInt(option(args, "warm-up-rounds", "6")));
        out.printf(Locale.ROOT, "National day at %.3f of England's: %d referrals, %d discharges, %d FFT conversations"
                + " (%d from posted encounters), %d CHC referrals, in %d s (speed-up %.0fx)%n", fraction,
                mix.referrals(), mix.discharges(), mix.fftConversations(), mix.fftEncounters(), mix.chcReferrals(),
                runSeconds, 86_400.0 / runSeconds);
        DayReport report = new DayReport();
        List<String> problems = new NationalDayRun(settings, mix, runSeconds, terminal).run(report, dir);
        Files.writeString(dir.resolve("summary.csv"), report.csv());
        Files.writeString(dir.resolve("summary.txt"), report.text());
        out.print(report.text());
        out.println("Results: " + dir.resolve("summary.csv") + ", " + dir.resolve("chart.png"));
        if (!problems.isEmpty()) {
            out.println("NOT ACCOUNTED FOR:");
            problems.forEach(p -> out.println("  " + p));
            System.exit(1);
        }
        out.println("ACCOUNTED FOR: every arrival accepted, every message delivered once, all work finished");
        System.exit(0);
    }

    /** A full day in 20 minutes (issue 8's target), and at least two minutes for a small fraction. */
    static long defaultRunSeconds(double fraction) {
        return Math.max(120, Math.round(1_200 * fraction));
    }

    /** A moment of the day: arrivals accepted so far and the CPU snapshots. */
    private record Snapshot(int arrivals, long atMillis, Map<String, Long> cpu, Map<String, Long> threads) {
    }

    record Settings(String app, String outside, String mllpHost, int mllpPort, String jdbcUrl, String jdbcUser,
            String jdbcPassword, String appPid, String outsidePid, String pgPid, double ceilingTpcb,
            double ceilingUpdate, int drainSeconds, int warmUpRounds) {
    }

    static String option(String[] args, String name, String fallback) {
        return AdtDischargeLoad.option(args, name, fallback);
    }

    /** One run: send, drain, measure. */
    private static final class NationalDayRun {

        private final Settings settings;
        private final NationalDayMix mix;
        private final int runSeconds;
        private final PrintStream terminal;
        private final DayWarmUp warmUp;
        private final DayEvents events = new DayEvents();
        /** The warm-up's arrivals: not the day's figures, but reconciled with them. */
        private final DayEvents warmEvents = new DayEvents();
        /** The day's patients come first; the warm-up's follow, each with patients of its own. */
        private int nextPatient;
        /** What the staff had done when the day began: the warm-up's work is not the day's. */
        private volatile Map<String, Integer> staffAtDayStart = Map.of();
        private volatile String phase = "warming up";
        private volatile long unfinished = -1;
        private volatile long pgPeakPssMiB;
        /** Commits a second with nothing arriving (the pollers' and schedulers'), before the warm-up; -1 until then. */
        private double idleCommitsPerSecond = -1;

        NationalDayRun(Settings settings, NationalDayMix mix, int runSeconds, PrintStream terminal) {
            this.settings = settings;
            this.warmUp = DayWarmUp.forDay(runSeconds, settings.warmUpRounds());
            this.nextPatient = DayTraffic.patients(mix);
            this.mix = mix;
            this.runSeconds = runSeconds;
            this.terminal = terminal;
        }

        List<String> run(DayReport report, Path dir) throws Exception {
            String runId = "nd" + Long.toString(System.currentTimeMillis() % 100_000_000L, 36);
            List<DaySchedule.Arrival> schedule = DaySchedule.of(mix, runSeconds * 1000L, runId.hashCode());
            String loadBefore = loadAverage();
            try (Connection db = DriverManager.getConnection(settings.jdbcUrl(), settings.jdbcUser(),
                    settings.jdbcPassword());
                    DayTraffic traffic = new DayTraffic(settings.app(), settings.mllpHost(), settings.mllpPort(),
                            runId, mix, events, 0);
                    DayStaff staff = new DayStaff(settings.app(), settings.outside(), settings.jdbcUrl(),
                            settings.jdbcUser(), settings.jdbcPassword(), events, mix, runSeconds)) {
                DayAccounts accounts = new DayAccounts(db, events);
                double idleCold = idleCost(accounts);
                Map<String, Long> coldCpu = cpu();
                Map<String, Long> coldThreads = ProcStats.threadCpuMillis(settings.appPid());
                long coldStart = System.currentTimeMillis();
                warmUp(runId);
                staff.warmUp();
                staff.start();
                List<DayCost> rounds = warmUpRounds(runId, accounts, idleCold);
                staff.stop();
                DayCost warmUpCost = DayCost.between(warmEvents.acceptedArrivals(),
                        (System.currentTimeMillis() - coldStart) / 1000.0, coldCpu, cpu(), coldThreads,
                        ProcStats.threadCpuMillis(settings.appPid()));
                double idleAfterWarmUp = rounds.isEmpty() ? idleCold : idleCost(accounts);
                double idleMillisPerSecond = DayWarmUp.idleToSubtract(idleCold, idleAfterWarmUp);
                staff.startMeasuring();
                staffAtDayStart = events.staffDoneSnapshot();
                Map<String, Long> statementsBefore = accounts.statementCalls();
                long[] transactionsBefore = accounts.transactions();
                Map<String, Long> cpuBefore = cpu();
                Map<String, Long> threadsBefore = ProcStats.threadCpuMillis(settings.appPid());
                long start = System.currentTimeMillis();
                Future<Snapshot> halfway = snapshotAt(start + runSeconds * 500L);
                phase = "sending";
                Thread progress = progress(start);
                staff.start();
                send(traffic, schedule, start);
                long sendingEnded = System.currentTimeMillis();
                phase = "draining";
                boolean drained = drain(accounts);
                long end = System.currentTimeMillis();
                phase = "done";
                progress.join(2_000);
                terminal.println();
                staff.close();
                Map<String, Long> cpuAfter = cpu();
                Map<String, Long> threadsAfter = ProcStats.threadCpuMillis(settings.appPid());
                long[] transactionsAfter = accounts.transactions();
                DayCost day = DayCost.between(acceptedArrivals(), (end - start) / 1000.0, cpuBefore, cpuAfter,
                        threadsBefore, threadsAfter);
                Snapshot half = halfway.get();
                DayCost secondHalf = DayCost.between(acceptedArrivals() - half.arrivals(),
                        (end - half.atMillis()) / 1000.0, half.cpu(), cpuAfter, half.threads(), threadsAfter);

                runRows(report, runId, start, sendingEnded, end, drained, loadBefore);
                throughput(report, start, sendingEnded, end);
                for (DayFlow flow : DayFlow.values()) {
                    report.latency(flow.label(), "event to accepted answer", events.answerMillis(flow));
                }
                accounts.firstTasks(report);
                List<DayAccounts.Delivery> deliveries = accounts.deliveries(report).stream()
                        .filter(d -> d.sentAtMillis() >= start).toList();
                deliveryThroughput(report, deliveries);
                accounts.ledger(report);
                database(report, transactionsBefore, transactionsAfter, (end - start) / 1000.0);
                accounts.statements(report, DayAccounts.itemsPerWorkflow(events), statementsBefore);
                processes(report, cpuBefore, cpuAfter);
                threads(report, threadsBefore, threadsAfter);
                staff.report(report);
                warmUpRows(report, rounds, warmUpCost, idleCold);
                report.add("warm-up", "all", "idle CPU after it (application, simulators, PostgreSQL)",
                        idleAfterWarmUp, "ms/s");
                projection(report, idleMillisPerSecond, day, "");
                projection(report, idleCold, warmUpCost.and(day), " (cold: warm-up and day as one run)");
                projectionJitApart(report, idleMillisPerSecond, warmUpCost.and(day), day, secondHalf);
                List<String> problems = new ArrayList<>(accounts.reconcile(report, settings.app(),
                        settings.outside(), mix, warmEvents));
                if (!drained) {
                    problems.add("not finished within " + settings.drainSeconds() + " s of the end of sending ("
                            + unfinished + " items of work left)");
                }
                events.staffRefusals().forEach((what, n) -> report.add("reconciliation", "staff",
                        "refused or failed: " + what, n, "attempts"));
                chart(dir, report, start, end, deliveries);
                return problems;
            }
        }

        /**
         * Rounds of a share of the day at its rate, each sent and drained, until the CPU per arrival (all four
         * processes, over the idle cost) stops falling ({@link DayWarmUp}); their arrivals have patients and keys of
         * their own and are reconciled with the day's. Returns each round's cost.
         */
        private List<DayCost> warmUpRounds(String runId, DayAccounts accounts, double idle) throws Exception {
            List<DayCost> rounds = new ArrayList<>();
            List<Double> perArrival = new ArrayList<>();
            int cores = Runtime.getRuntime().availableProcessors();
            NationalDayMix roundMix = warmUp.roundMix(mix);
            while (warmUp.anotherRound(perArrival)) {
                int round = rounds.size() + 1;
                String roundId = runId + "w" + round;
                int arrivalsBefore = warmEvents.acceptedArrivals();
                Map<String, Long> cpuBefore = cpu();
                Map<String, Long> threadsBefore = ProcStats.threadCpuMillis(settings.appPid());
                long start = System.currentTimeMillis();
                phase = "warm-up round " + round;
                try (DayTraffic traffic = new DayTraffic(settings.app(), settings.mllpHost(), settings.mllpPort(),
                        roundId, roundMix, warmEvents, nextPatient)) {
                    nextPatient += DayTraffic.patients(roundMix);
                    Thread progress = progress(start);
                    send(traffic, DaySchedule.of(roundMix, warmUp.roundSeconds() * 1000L, roundId.hashCode()), start);
                    phase = "warm-up round " + round + " draining";
                    boolean drained = drain(accounts);
                    phase = "warm-up round " + round + " done";
                    progress.join(2_000);
                    terminal.println();
                    if (!drained) {
                        throw new IllegalStateException("warm-up round " + round + " did not drain");
                    }
                }
                DayCost cost = DayCost.between(warmEvents.acceptedArrivals() - arrivalsBefore,
                        (System.currentTimeMillis() - start) / 1000.0, cpuBefore, cpu(), threadsBefore,
                        ProcStats.threadCpuMillis(settings.appPid()));
                rounds.add(cost);
                perArrival.add(cost.projection(cores, idle, true).millisPerArrival());
                terminal.printf(Locale.ROOT, "Warm-up round %d: %d arrivals in %.0f s, %.1f ms CPU per arrival over"
                        + " idle (generator included)%n", round, cost.arrivals(), cost.seconds(),
                        perArrival.get(perArrival.size() - 1));
            }
            return rounds;
        }

        /** Each warm-up round's cost, the warm-up's in all, and the cold start's JIT. */
        private void warmUpRows(DayReport report, List<DayCost> rounds, DayCost warmUpCost, double idle) {
            int cores = Runtime.getRuntime().availableProcessors();
            report.add("warm-up", "all", "rounds", rounds.size(), "rounds");
            report.add("warm-up", "all", "round compressed into", warmUp.roundSeconds(), "s");
            report.add("warm-up", "all", "round's share of the day", warmUp.share(), "");
            for (int i = 0; i < rounds.size(); i++) {
                DayCost round = rounds.get(i);
                String name = "round " + (i + 1);
                report.add("warm-up", name, "arrivals", round.arrivals(), "arrivals");
                report.add("warm-up", name, "took (sending and draining)", round.seconds(), "s");
                report.add("warm-up", name, "CPU per arrival over idle, with the generator",
                        round.projection(cores, idle, true).millisPerArrival(), "ms");
                costRows(report, "warm-up", name, round);
            }
            report.add("warm-up", "all", "arrivals (first one of each flow included)", warmUpCost.arrivals(),
                    "arrivals");
            report.add("warm-up", "all", "took", warmUpCost.seconds(), "s");
            report.add("warm-up", "all", "CPU of all four processes",
                    warmUpCost.cpuMillis().values().stream().mapToLong(Long::longValue).sum() / 1000.0, "s");
            costRows(report, "warm-up", "all", warmUpCost);
        }

        /** CPU per arrival of the generator, the simulators and the application's JIT compilers. */
        private static void costRows(DayReport report, String section, String name, DayCost cost) {
            report.add(section, name, "application CPU per arrival", cost.millisPerArrival(DayCost.APPLICATION), "ms");
            report.add(section, name, "application compiler threads per arrival", cost.compilerMillisPerArrival(),
                    "ms");
            report.add(section, name, "simulators CPU per arrival", cost.millisPerArrival(DayCost.SIMULATORS), "ms");
            report.add(section, name, "load generator CPU per arrival", cost.millisPerArrival(DayCost.GENERATOR),
                    "ms");
        }

        /**
         * The CPU per second of the application, the simulators and PostgreSQL with nothing arriving (their pollers
         * and schedulers), measured before the day for {@link #IDLE_SECONDS}: the part of a run's CPU that is not
         * the arrivals'.
         */
        private double idleCost(DayAccounts accounts) throws InterruptedException, java.sql.SQLException {
            terminal.println("Measuring the idle cost: " + IDLE_SECONDS + " s with nothing arriving...");
            long before = productCpu(cpu());
            long commitsBefore = accounts.transactions()[0];
            long start = System.nanoTime();
            Thread.sleep(IDLE_SECONDS * 1000L);
            double seconds = (System.nanoTime() - start) / 1e9;
            if (idleCommitsPerSecond < 0) {
                idleCommitsPerSecond = (accounts.transactions()[0] - commitsBefore) / seconds;
            }
            return (productCpu(cpu()) - before) / seconds;
        }

        /** CPU of what England would run (application, simulators, PostgreSQL), the load generator apart. */
        private static long productCpu(Map<String, Long> cpu) {
            return cpu.get(DayCost.APPLICATION) + cpu.get(DayCost.SIMULATORS) + cpu.get(DayCost.POSTGRESQL);
        }

        /**
         * The fraction of England's day this machine can do in 20 minutes, from the CPU a stretch's arrivals took
         * over the idle cost; with and without the load generator's share of the cores. {@code which} names the
         * stretch in the rows (empty: the measured day).
         */
        private void projection(DayReport report, double idleMillisPerSecond, DayCost cost, String which) {
            int cores = Runtime.getRuntime().availableProcessors();
            DayProjection product = cost.projection(cores, idleMillisPerSecond, false);
            DayProjection withGenerator = cost.projection(cores, idleMillisPerSecond, true);
            if (which.isEmpty()) {
                report.add("projection", "all", "cores", cores, "");
            }
            report.add("projection", "all", "idle CPU (application, simulators, PostgreSQL)" + which,
                    idleMillisPerSecond, "ms/s");
            report.add("projection", "all", "CPU per arrival over idle" + which, product.millisPerArrival(), "ms");
            report.add("projection", "all", "CPU per arrival over idle, with the generator" + which,
                    withGenerator.millisPerArrival(), "ms");
            costRows(report, "projection", "all", cost);
            if (which.isEmpty()) {
                report.add("projection", "all", "CPU per arrival England's day in 20 min allows",
                        product.millisPerArrivalAllowed(), "ms");
                report.add("projection", "all", "England's arrivals", DayProjection.ENGLANDS_ARRIVALS, "arrivals");
                report.add("projection", "all", "England's day needs", product.englandsDayMillis() / 1000.0, "CPU s");
            }
            report.add("projection", "all", "fraction of England's day in 20 min" + which,
                    product.fractionThatFits(), "");
            report.add("projection", "all", "fraction of England's day in 20 min, with the generator" + which,
                    withGenerator.fractionThatFits(), "");
            report.add("projection", "all", "arrivals must get cheaper by" + which,
                    product.fractionThatFits() >= 1 ? "nothing" : String.format(Locale.ROOT, "%.1fx",
                            1 / product.fractionThatFits()), "");
        }

        /**
         * The projection with the JIT's compiling as a fixed cost and the end's compiling rate per arrival
         * ({@link DayProjectionJitApart}), beside the plain one.
         */
        private void projectionJitApart(DayReport report, double idleMillisPerSecond, DayCost cold, DayCost day,
                DayCost secondHalf) {
            int cores = Runtime.getRuntime().availableProcessors();
            DayProjectionJitApart product = DayProjectionJitApart.of(cores, idleMillisPerSecond, cold, day,
                    secondHalf, false);
            DayProjectionJitApart withGenerator = DayProjectionJitApart.of(cores, idleMillisPerSecond, cold, day,
                    secondHalf, true);
            String apart = " (the JIT's fixed cost apart)";
            report.add("projection", "all", "application compiler threads, cold start to the day's end",
                    cold.compilerMillis() / 1000.0, "s");
            report.add("projection", "all", "application compiler threads per arrival, the day's first half",
                    (double) (day.compilerMillis() - secondHalf.compilerMillis())
                            / Math.max(1, day.arrivals() - secondHalf.arrivals()), "ms");
            report.add("projection", "all", "application compiler threads per arrival, the day's second half",
                    secondHalf.compilerMillisPerArrival(), "ms");
            report.add("projection", "all", "JIT compiling paid once (fixed)", product.fixedMillis() / 1000.0,
                    "CPU s");
            report.add("projection", "all", "CPU per arrival over idle (marginal)" + apart,
                    product.millisPerArrival(), "ms");
            report.add("projection", "all", "CPU per arrival over idle (marginal), with the generator" + apart,
                    withGenerator.millisPerArrival(), "ms");
            report.add("projection", "all", "England's day needs" + apart, product.englandsDayMillis() / 1000.0,
                    "CPU s");
            report.add("projection", "all", "fraction of England's day in 20 min" + apart,
                    product.fractionThatFits(), "");
            report.add("projection", "all", "fraction of England's day in 20 min, with the generator" + apart,
                    withGenerator.fractionThatFits(), "");
        }

        /** The arrivals accepted and the processes' and the application's threads' CPU at {@code atMillis}. */
        private Future<Snapshot> snapshotAt(long atMillis) {
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "day-halfway");
                thread.setDaemon(true);
                return thread;
            });
            Future<Snapshot> snapshot = timer.schedule(() -> new Snapshot(acceptedArrivals(),
                    System.currentTimeMillis(), cpu(), ProcStats.threadCpuMillis(settings.appPid())),
                    Math.max(0, atMillis - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
            timer.shutdown();
            return snapshot;
        }

        /** The application's busiest kinds of thread, in CPU ms per arrival: where its CPU went. */
        private void threads(DayReport report, Map<String, Long> before, Map<String, Long> after) {
            int arrivals = Math.max(1, acceptedArrivals());
            after.entrySet().stream()
                    .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                    .filter(e -> e.getValue() > 0)
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .limit(12)
                    .forEach(e -> report.add("process", "application", "thread " + e.getKey(),
                            (double) e.getValue() / arrivals, "ms/arrival"));
        }

        private int acceptedArrivals() {
            return events.acceptedArrivals();
        }

        /**
         * One arrival of each flow, one after the other and not measured: a node's first referral builds the rule
         * units and its first requests warm the JIT, which under load took longer than the client's patience. Their
         * work is finished and delivered with the warm-up's, and reconciled with it.
         */
        private void warmUp(String runId) throws Exception {
            NationalDayMix one = NationalDayMix.of(1e-9);
            terminal.println("Warming up: one arrival of each flow, then " + (warmUp.mostRounds() == 0 ? "no rounds"
                    : "rounds of " + warmUp.roundSeconds() + " s until the CPU per arrival stops falling (at most "
                    + warmUp.mostRounds() + ")") + "; not measured as the day...");
            try (DayTraffic warm = new DayTraffic(settings.app(), settings.mllpHost(), settings.mllpPort(),
                    runId + "w", one, warmEvents, nextPatient)) {
                nextPatient += DayTraffic.patients(one);
                for (DaySchedule.Arrival arrival : DaySchedule.of(one, 0, 1)) {
                    warm.send(arrival, System.currentTimeMillis());
                }
            }
        }

        /** Each arrival at its time on the flow's client threads; a late arrival waits in its flow's queue. */
        private void send(DayTraffic traffic, List<DaySchedule.Arrival> schedule, long start) throws Exception {
            Map<DayFlow, ExecutorService> clients = new EnumMap<>(DayFlow.class);
            CLIENT_THREADS.forEach((flow, n) -> clients.put(flow, Executors.newFixedThreadPool(n)));
            for (DaySchedule.Arrival arrival : schedule) {
                long due = start + arrival.atMillis();
                long wait = due - System.currentTimeMillis();
                if (wait > 0) {
                    Thread.sleep(wait);
                }
                clients.get(arrival.flow()).execute(() -> traffic.send(arrival, due));
            }
            for (ExecutorService pool : clients.values()) {
                pool.shutdown();
            }
            for (ExecutorService pool : clients.values()) {
                pool.awaitTermination(1, TimeUnit.HOURS);
            }
        }

        /** Until nothing is left to do twice running (a second apart), or the drain limit. */
        private boolean drain(DayAccounts accounts) throws Exception {
            long deadline = System.currentTimeMillis() + settings.drainSeconds() * 1000L;
            int quiet = 0;
            while (System.currentTimeMillis() < deadline) {
                unfinished = accounts.unfinished();
                quiet = unfinished == 0 ? quiet + 1 : 0;
                if (quiet >= 3) {
                    return true;
                }
                Thread.sleep(1_000);
            }
            return false;
        }

        private Thread progress(long start) {
            Thread thread = new Thread(() -> {
                long pssReadAt = 0;
                while (!phase.endsWith("done")) {
                    terminal.print("\r" + progressLine(start));
                    if (System.currentTimeMillis() - pssReadAt >= PSS_EVERY_MILLIS) {
                        pgPeakPssMiB = Math.max(pgPeakPssMiB, ProcStats.postgresPssMiB(settings.pgPid()));
                        pssReadAt = System.currentTimeMillis();
                    }
                    try {
                        Thread.sleep(1_000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "day-progress");
            thread.setDaemon(true);
            thread.start();
            return thread;
        }

        String progressLine(long start) {
            long elapsed = (System.currentTimeMillis() - start) / 1000;
            if (phase.startsWith("warm-up")) {
                return String.format(Locale.ROOT, "%s: %d arrivals accepted in the warm-up | %s elapsed%s   ", phase,
                        warmEvents.acceptedArrivals(), clock(elapsed), phase.endsWith("draining")
                                ? ", " + (unfinished < 0 ? "?" : unfinished) + " left" : "");
            }
            String eta = phase.equals("sending") ? "ETA " + clock(Math.max(0, runSeconds - elapsed)) + " + drain"
                    : "draining, " + (unfinished < 0 ? "?" : unfinished) + " left";
            return String.format(Locale.ROOT, "referrals %d/%d booked %d | discharges %d/%d summaries %d | "
                            + "fft %d/%d completed %d | chc %d/%d checklists %d | %s elapsed, %s   ",
                    events.accepted(DayFlow.REFERRAL), mix.referrals(), dayStaffDone(DayStaff.BOOK),
                    events.accepted(DayFlow.DISCHARGE), mix.discharges(), dayStaffDone(DayStaff.SUMMARY),
                    events.accepted(DayFlow.FFT) + events.accepted(DayFlow.DISCHARGE), mix.fftConversations(),
                    dayStaffDone(DayStaff.COMMENT), events.accepted(DayFlow.CHC), mix.chcReferrals(),
                    dayStaffDone(DayStaff.CHECKLIST), clock(elapsed), eta);
        }

        private int dayStaffDone(String what) {
            return events.staffDone(what) - staffAtDayStart.getOrDefault(what, 0);
        }

        private void runRows(DayReport report, String runId, long start, long sendingEnded, long end,
                boolean drained, String loadBefore) throws Exception {
            report.add("run", "all", "run id", runId, "");
            report.add("run", "all", "fraction of England's day", Double.toString(mix.fraction()), "");
            report.add("run", "all", "day compressed into", runSeconds, "s");
            report.add("run", "all", "speed-up", 86_400.0 / runSeconds, "x");
            report.add("run", "all", "sending took", (sendingEnded - start) / 1000.0, "s");
            report.add("run", "all", "finished after", (end - start) / 1000.0, "s");
            report.add("run", "all", "drained", drained, "");
            report.add("run", "all", "most behind schedule (an arrival sent late)", events.maxBehindMillis(), "ms");
            report.add("run", "all", "load average at start", loadBefore, "1/5/15 min");
            report.add("run", "all", "load average at end", loadAverage(), "1/5/15 min");
            for (DayFlow flow : DayFlow.values()) {
                report.add("run", flow.label(), "planned", mix.count(flow), "arrivals");
            }
        }

        private void throughput(DayReport report, long start, long sendingEnded, long end) {
            double sending = Math.max(0.001, (sendingEnded - start) / 1000.0);
            double whole = Math.max(0.001, (end - start) / 1000.0);
            for (DayFlow flow : DayFlow.values()) {
                report.add("throughput", flow.label(), "accepted", events.accepted(flow), "arrivals");
                report.add("throughput", flow.label(), "accepted per second while sending",
                        events.accepted(flow) / sending, "/s");
            }
            for (String task : DayStaff.TASKS) {
                int done = dayStaffDone(task);
                report.add("throughput", "staff", task + " completed", done, "tasks");
                report.add("throughput", "staff", task + " per second", done / whole, "/s");
            }
            for (String reply : List.of(DayStaff.ANSWER, DayStaff.COMMENT)) {
                report.add("throughput", "patients", reply + " texts sent",
                        dayStaffDone(reply), "texts");
            }
        }

        private void deliveryThroughput(DayReport report, List<DayAccounts.Delivery> deliveries) {
            Map<String, long[]> byChannel = new LinkedHashMap<>();
            for (DayAccounts.Delivery d : deliveries) {
                long[] c = byChannel.computeIfAbsent(d.channel(), k -> new long[] {0, Long.MAX_VALUE, 0});
                c[0]++;
                c[1] = Math.min(c[1], d.sentAtMillis());
                c[2] = Math.max(c[2], d.sentAtMillis());
            }
            byChannel.forEach((channel, c) -> {
                report.add("throughput", channel, "delivered (accepted by receiver)", c[0], "messages");
                report.add("throughput", channel, "delivered per second", c[0] / Math.max(1.0, (c[2] - c[1]) / 1000.0),
                        "/s");
            });
        }

        private void database(DayReport report, long[] before, long[] after, double seconds) {
            long commits = after[0] - before[0];
            double perSecond = commits / Math.max(0.001, seconds);
            int items = events.accepted(DayFlow.REFERRAL) + events.accepted(DayFlow.DISCHARGE)
                    + events.accepted(DayFlow.FFT) + events.accepted(DayFlow.CHC);
            report.add("database", "all", "transactions committed", commits, "commits");
            report.add("database", "all", "transactions rolled back", after[1] - before[1], "rollbacks");
            report.add("database", "all", "commits per second", perSecond, "/s");
            report.add("database", "all", "commits per arrival (all flows)", (double) commits / Math.max(1, items),
                    "commits");
            report.add("database", "all", "commits per second at rest (pollers and schedulers, before the warm-up)",
                    idleCommitsPerSecond, "/s");
            report.add("database", "all", "commits per arrival over the ones at rest",
                    Math.max(0, commits - idleCommitsPerSecond * seconds) / Math.max(1, items), "commits");
            if (settings.ceilingTpcb() > 0) {
                report.add("database", "all", "pgbench TPC-B-like ceiling", settings.ceilingTpcb(), "commits/s");
                report.add("database", "all", "fraction of the TPC-B-like ceiling", perSecond / settings.ceilingTpcb(),
                        "");
            }
            if (settings.ceilingUpdate() > 0) {
                report.add("database", "all", "pgbench simple-update ceiling", settings.ceilingUpdate(), "commits/s");
                report.add("database", "all", "fraction of the simple-update ceiling",
                        perSecond / settings.ceilingUpdate(), "");
            }
        }

        private Map<String, Long> cpu() {
            Map<String, Long> cpu = new LinkedHashMap<>();
            cpu.put("application", ProcStats.cpuMillis(settings.appPid()));
            cpu.put("simulators", ProcStats.cpuMillis(settings.outsidePid()));
            cpu.put("postgresql", ProcStats.postgresCpuMillis(settings.pgPid()));
            cpu.put("load generator", ProcStats.ownCpuMillis());
            return cpu;
        }

        private void processes(DayReport report, Map<String, Long> before, Map<String, Long> after) {
            int items = Math.max(1, events.accepted(DayFlow.REFERRAL) + events.accepted(DayFlow.DISCHARGE)
                    + events.accepted(DayFlow.FFT) + events.accepted(DayFlow.CHC));
            before.forEach((process, cpu) -> {
                long millis = after.get(process) - cpu;
                report.add("process", process, "CPU", millis / 1000.0, "s");
                report.add("process", process, "CPU per arrival", (double) millis / items, "ms");
            });
            report.add("process", "application", "peak RSS", ProcStats.peakRssMiB(settings.appPid()), "MiB");
            report.add("process", "simulators", "peak RSS", ProcStats.peakRssMiB(settings.outsidePid()), "MiB");
            report.add("process", "postgresql", "peak PSS (all its processes)", pgPeakPssMiB, "MiB");
            report.add("process", "load generator", "peak RSS", ProcStats.peakRssMiB("self"), "MiB");
        }

        private void chart(Path dir, DayReport report, long start, long end, List<DayAccounts.Delivery> deliveries)
                throws Exception {
            int bucketSeconds = (int) Math.max(1, Math.ceil((end - start) / 1000.0 / 60));
            int buckets = (int) ((end - start) / 1000 / bucketSeconds) + 1;
            Map<String, double[]> series = new LinkedHashMap<>();
            for (DayFlow flow : DayFlow.values()) {
                double[] values = series.computeIfAbsent(flow.label() + " accepted", k -> new double[buckets]);
                for (long at : events.acceptedAt(flow)) {
                    bucket(values, at, start, bucketSeconds);
                }
            }
            for (DayAccounts.Delivery d : deliveries) {
                bucket(series.computeIfAbsent("delivered " + d.channel(), k -> new double[buckets]), d.sentAtMillis(),
                        start, bucketSeconds);
            }
            Map<String, long[]> latency = new LinkedHashMap<>();
            for (DayFlow flow : DayFlow.values()) {
                for (String measure : List.of("event to first task", "event to delivery (all messages)")) {
                    long[] p = new long[3];
                    String[] names = {"p50", "p95", "p99"};
                    boolean any = false;
                    for (int i = 0; i < 3; i++) {
                        String value = report.value("latency", flow.label(), measure + " " + names[i]).orElse(null);
                        if (value != null) {
                            p[i] = Long.parseLong(value);
                            any = true;
                        }
                    }
                    if (any) {
                        latency.put(flow.label() + ": " + measure.replace(" (all messages)", ""), p);
                    }
                }
            }
            DayChart.write(dir.resolve("chart.png"), String.format(Locale.ROOT,
                    "Handover national day: %.3f of England's in %d s", mix.fraction(), runSeconds), series,
                    bucketSeconds, latency);
        }

        private static void bucket(double[] values, long at, long start, int bucketSeconds) {
            int i = (int) Math.max(0, Math.min(values.length - 1, (at - start) / 1000 / bucketSeconds));
            values[i] += 1.0 / bucketSeconds;
        }

        /** The 1, 5 and 15 minute load averages. */
        private static String loadAverage() throws java.io.IOException {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return String.join(" ", fields[0], fields[1], fields[2]);
        }

        private static String clock(long seconds) {
            return String.format(Locale.ROOT, "%02d:%02d", seconds / 60, seconds % 60);
        }
    }
}
