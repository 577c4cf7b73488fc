package org.handover.bench;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.handover.sandbox.SandboxPhones;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code POST /api/admin/bench/fft?count=N}: N whole FFT conversations, phase by phase, through the real entry points
 * and the SMPP simulator: encounters posted -> questions delivered (receipts back) -> every patient answers ->
 * follow-ups delivered -> every patient comments -> all completed. Runs where the sandbox's phones are: in the
 * simulators' JVM with {@code targetPort} the application's port (the application's CPU is then its own), or in the
 * application itself. Answers with the time of each phase, texts/s out, replies/s handled, conversations/s end to end
 * and the application's peak heap (sampled). {@code GET /api/admin/bench/fft/progress} is the application's side.
 */
@RestController
@RequestMapping("/api/admin/bench")
@ConditionalOnProperty(name = "handover.bench.enabled", havingValue = "true")
class FftBenchController {

    private static final Duration POLL = Duration.ofMillis(500);
    /** The rates through the run are reported per interval: a rate still rising shows a JVM still warming up. */
    private static final Duration INTERVAL = Duration.ofSeconds(10);

    private final JdbcTemplate jdbc;
    private final ObjectProvider<SandboxPhones> phones;
    private final MeterRegistry meters;

    /** The phones exist only where the sandbox's simulators run in this JVM; other benchmarks start without them. */
    FftBenchController(JdbcTemplate jdbc, ObjectProvider<SandboxPhones> phones, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.phones = phones;
        this.meters = meters;
    }

    @PostMapping("/fft")
    Map<String, Object> conversations(@RequestParam int count, @RequestParam(defaultValue = "8") int threads,
            @RequestParam(defaultValue = "1") int perRequest, @RequestParam(defaultValue = "0") int firstPatient,
            @RequestParam(required = false) Integer targetPort,
            @Value("${server.port}") int port) throws Exception {
        if (count < 1 || firstPatient < 0 || firstPatient + count > 900_000 || threads < 1 || threads > 64
                || perRequest < 1 || perRequest > 500) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "count 1.., firstPatient 0.., firstPatient + count up to 900000, threads 1..64, perRequest 1..500");
        }
        if (targetPort != null && (targetPort < 1 || targetPort > 65_535)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "targetPort 1..65535");
        }
        SandboxPhones phones = this.phones.getIfAvailable();
        if (phones == null) {
            throw new ResponseStatusException(HttpStatus.CONFLICT,
                    "The FFT benchmark answers on the sandbox's phones: run it where the sandbox simulators run");
        }
        String runId = "fftbench-" + UUID.randomUUID().toString().substring(0, 8);
        FftLoad load = new FftLoad("http://127.0.0.1:" + (targetPort == null ? port : targetPort), firstPatient);
        Progress progress = new Progress(load, runId, phaseLimit(count));
        progress.start();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("runId", runId);
        report.put("count", count);
        report.put("encountersPerRequest", perRequest);
        Map<String, Object> statementsBefore = load.statements();
        long start = System.nanoTime();

        report.put("encounterPostFailures", load.encounters(runId, count, perRequest, threads, "integration"));
        double posted = seconds(start);
        progress.await("delivered", count);
        double questionsDelivered = seconds(start);

        long answersFrom = System.nanoTime();
        report.put("answerFailures", load.replies(phones, count, threads, n -> Integer.toString(1 + n % 6)));
        progress.await("answered", count);
        progress.await("followUpsDelivered", count);
        double answered = seconds(answersFrom);

        long commentsFrom = System.nanoTime();
        report.put("commentFailures", load.replies(phones, count, threads, n -> "Bench comment number " + n));
        progress.await("completed", count);
        double commented = seconds(commentsFrom);
        progress.exact();
        double total = seconds(start);

        report.put("secondsToPostEncounters", round(posted));
        report.put("secondsToDeliverQuestions", round(questionsDelivered));
        report.put("secondsAnswersToFollowUpsDelivered", round(answered));
        report.put("secondsCommentsToCompleted", round(commented));
        report.put("secondsTotal", round(total));
        report.put("questionsDeliveredPerSecond", Math.round(count / questionsDelivered));
        report.put("answersHandledWithFollowUpDeliveredPerSecond", Math.round(count / answered));
        report.put("commentsHandledPerSecond", Math.round(count / commented));
        report.put("textsOutPerSecond", Math.round(2.0 * count / (questionsDelivered + answered)));
        report.put("repliesHandledPerSecond", Math.round(2.0 * count / (answered + commented)));
        report.put("conversationsPerSecond", Math.round(count / total));
        report.put("completed", progress.latest().get("completed"));
        report.put("phasesLeftShort", progress.shortfalls());
        report.put("perInterval", progress.intervals());
        report.put("applicationPeakHeapUsedMiB", progress.peakHeapBytes() / (1024 * 1024));
        report.put("sql", perConversation(statementsBefore, load.statements(), count));
        return report;
    }

    /**
     * The application's side: how far run {@code runId} has come, and the heap it uses now. With {@code exact=false}
     * only the application's counters (questions delivered, answers, comments, texts delivered since it started),
     * which cost nothing to read; the exact counts read every conversation of the run and every follow-up in the
     * ledger, and polled twice a second they were half of PostgreSQL's CPU in a 3,000 run and grew with its size.
     */
    @GetMapping("/fft/progress")
    Map<String, Long> progress(@RequestParam String runId, @RequestParam(defaultValue = "true") boolean exact) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("questionsDeliveredCounter", counter("handover.fft.questions.receipts", "status", "delivered"));
        counts.put("answersCounter", counter("handover.fft.replies", "kind", "answer"));
        counts.put("commentsCounter", counter("handover.fft.replies", "kind", "comment"));
        counts.put("smsDeliveredCounter", counter("handover.deliveries", "status", "delivered", "channel", "sms"));
        if (exact) {
            exactCounts(runId + "-%", counts);
        }
        counts.put("heapUsedBytes", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        return counts;
    }

    private void exactCounts(String run, Map<String, Long> counts) {
        jdbc.query("""
                select sum(case when delivery_status = 'DELIVERED' then 1 else 0 end) as delivered,
                    sum(case when state in ('AWAITING_COMMENT', 'ENDED') then 1 else 0 end) as answered,
                    sum(case when outcome = 'COMPLETED' then 1 else 0 end) as completed
                from fft_conversation where encounter_id like ?
                """, rs -> {
            counts.put("delivered", rs.getLong("delivered"));
            counts.put("answered", rs.getLong("answered"));
            counts.put("completed", rs.getLong("completed"));
        }, run);
        counts.put("followUpsDelivered", jdbc.queryForObject("""
                select count(*) from outbox_message o join fft_conversation c on o.correlation_key = c.id
                where c.encounter_id like ? and o.message_type = 'FftFollowUp' and o.status = 'DELIVERED'
                """, Long.class, run));
    }

    private long counter(String name, String... tags) {
        Counter counter = meters.find(name).tags(tags).counter();
        return counter == null ? 0 : (long) counter.count();
    }

    /**
     * The application's SQL so far, from PostgreSQL's pg_stat_statements (loaded by ops/postgres/start.sh): calls per
     * statement and committed transactions; empty on a database without it.
     */
    @GetMapping("/fft/statements")
    Map<String, Object> statements() {
        Map<String, Object> answer = new LinkedHashMap<>();
        try {
            Map<String, Long> calls = new LinkedHashMap<>();
            jdbc.query("select query, calls from pg_stat_statements where dbid = (select oid from pg_database "
                    + "where datname = current_database())", rs -> {
                calls.merge(rs.getString("query"), rs.getLong("calls"), Long::sum);
            });
            answer.put("transactions", jdbc.queryForObject(
                    "select xact_commit from pg_stat_database where datname = current_database()", Long.class));
            answer.put("calls", calls);
        } catch (DataAccessException notPostgres) {
            answer.put("calls", Map.of());
        }
        return answer;
    }

    /** Statements per conversation between two {@link #statements} snapshots, the most frequent first. */
    private static Map<String, Object> perConversation(Map<String, Object> before, Map<String, Object> after,
            int count) {
        Map<String, Object> report = new LinkedHashMap<>();
        Map<?, ?> callsBefore = (Map<?, ?>) before.get("calls");
        Map<?, ?> callsAfter = (Map<?, ?>) after.get("calls");
        if (callsBefore == null || callsAfter == null || callsAfter.isEmpty()) {
            return report;
        }
        Map<String, Double> delta = new LinkedHashMap<>();
        callsAfter.forEach((query, calls) -> {
            long was = callsBefore.get(query) instanceof Number n ? n.longValue() : 0;
            long now = ((Number) calls).longValue();
            if (now > was) {
                delta.put(String.valueOf(query).replaceAll("\\s+", " ").strip(), (now - was) / (double) count);
            }
        });
        report.put("statementsPerConversation", round(delta.values().stream().mapToDouble(Double::doubleValue).sum()));
        report.put("transactionsPerConversation", round((((Number) after.get("transactions")).longValue()
                - ((Number) before.get("transactions")).longValue()) / (double) count));
        Map<String, Double> top = new LinkedHashMap<>();
        delta.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(25)
                .forEach(e -> top.put(e.getKey().length() > 160 ? e.getKey().substring(0, 160) : e.getKey(),
                        round(e.getValue())));
        report.put("mostFrequentPerConversation", top);
        return report;
    }

    /** Long enough for the 100,000 conversations at a tenth of the target rate. */
    private static Duration phaseLimit(int count) {
        return Duration.ofMinutes(30).plusMillis(count * 40L);
    }

    /**
     * Polls the application's progress and keeps its largest heap sample. Waits on the application's counters, as
     * counted since the run started (a question delivered, an answer, a comment; a follow-up delivered is a text
     * delivered after the questions' phase); an older build without them answers with its exact counts, used as
     * they are. At the end the exact counts are read once for the report.
     */
    private static final class Progress {

        private static final Map<String, String> COUNTERS = Map.of("delivered", "questionsDeliveredCounter",
                "answered", "answersCounter", "completed", "commentsCounter");

        private final FftLoad load;
        private final String runId;
        private final Duration limit;
        private final long startNanos = System.nanoTime();
        private static final long STALL_SECONDS = 60;

        private final Map<String, Long> shortfalls = new LinkedHashMap<>();
        private final List<String> intervals = new ArrayList<>();
        private long intervalStartNanos;
        private long intervalTexts;
        private long intervalReplies;
        private Map<String, Long> baseline = Map.of();
        private Map<String, Long> latest = Map.of();
        private long smsDeliveredAfterQuestions = -1;
        private long peakHeapBytes;

        Progress(FftLoad load, String runId, Duration limit) {
            this.load = load;
            this.runId = runId;
            this.limit = limit;
        }

        void start() throws Exception {
            baseline = poll(false);
            intervalStartNanos = System.nanoTime();
            intervalTexts = texts(baseline);
            intervalReplies = replies(baseline);
        }

        /**
         * Waits until {@code wanted} are done; a phase that stands still for {@value #STALL_SECONDS} s with at most 1%
         * missing is left as it is, the shortfall reported (a receipt the ledger dropped would otherwise hold the run
         * until the phase limit).
         */
        void await(String counter, long wanted) throws Exception {
            long deadline = System.nanoTime() + limit.toNanos();
            long lastDone = -1;
            long lastMoved = System.nanoTime();
            for (long done = done(poll(false), counter); done < wanted; done = done(poll(false), counter)) {
                if (done != lastDone) {
                    lastDone = done;
                    lastMoved = System.nanoTime();
                } else if (System.nanoTime() - lastMoved > STALL_SECONDS * 1_000_000_000L && done >= wanted * 0.99) {
                    shortfalls.put(counter, wanted - done);
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT, counter + " not done in " + limit
                            + ": " + latest);
                }
                Thread.sleep(POLL.toMillis());
            }
            if (counter.equals("delivered")) {
                smsDeliveredAfterQuestions = latest.getOrDefault("smsDeliveredCounter", 0L);
            }
        }

        void exact() throws Exception {
            poll(true);
        }

        private long done(Map<String, Long> counts, String counter) {
            if (!counts.containsKey("questionsDeliveredCounter")) {
                return counts.getOrDefault(counter, 0L);
            }
            if (counter.equals("followUpsDelivered")) {
                return counts.get("smsDeliveredCounter") - smsDeliveredAfterQuestions;
            }
            String name = COUNTERS.get(counter);
            return counts.get(name) - baseline.getOrDefault(name, 0L);
        }

        private Map<String, Long> poll(boolean exact) throws Exception {
            latest = load.progress(runId, exact);
            peakHeapBytes = Math.max(peakHeapBytes, latest.getOrDefault("heapUsedBytes", 0L));
            countInterval();
            return latest;
        }

        /** Closes an interval once {@link #INTERVAL} has passed: "seconds since start: texts delivered/s, replies/s". */
        private void countInterval() {
            long now = System.nanoTime();
            if (intervalStartNanos == 0 || now - intervalStartNanos < INTERVAL.toNanos()) {
                return;
            }
            double seconds = (now - intervalStartNanos) / 1e9;
            long texts = texts(latest);
            long replies = replies(latest);
            intervals.add("%d s: %d texts/s, %d replies/s".formatted(Math.round((now - startNanos) / 1e9),
                    Math.round((texts - intervalTexts) / seconds), Math.round((replies - intervalReplies) / seconds)));
            intervalStartNanos = now;
            intervalTexts = texts;
            intervalReplies = replies;
        }

        private static long texts(Map<String, Long> counts) {
            return counts.getOrDefault("smsDeliveredCounter", 0L);
        }

        private static long replies(Map<String, Long> counts) {
            return counts.getOrDefault("answersCounter", 0L) + counts.getOrDefault("commentsCounter", 0L);
        }

        /** Texts delivered and replies handled per second, interval by interval (from an older build: empty). */
        List<String> intervals() {
            return intervals;
        }

        /** Phases left short after standing still, and how many they missed. */
        Map<String, Long> shortfalls() {
            return shortfalls;
        }

        Map<String, Long> latest() {
            return latest;
        }

        long peakHeapBytes() {
            return peakHeapBytes;
        }
    }

    private static double seconds(long fromNanos) {
        return (System.nanoTime() - fromNanos) / 1e9;
    }

    private static double round(double seconds) {
        return Math.round(seconds * 10) / 10.0;
    }
}
