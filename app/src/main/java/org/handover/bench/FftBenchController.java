package org.handover.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;
import org.handover.sandbox.SandboxPhones;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code POST /api/admin/bench/fft?count=N}: N whole FFT conversations, phase by phase, through the real entry points
 * and the SMPP simulator: encounters posted -> questions delivered (receipts back) -> every patient answers "2" ->
 * follow-ups delivered -> every patient comments -> all completed. Answers with the time of each phase, texts/s out,
 * replies/s handled and conversations/s end to end.
 */
@RestController
@RequestMapping("/api/admin/bench")
@ConditionalOnProperty(name = "handover.bench.enabled", havingValue = "true")
class FftBenchController {

    private static final Duration PHASE_LIMIT = Duration.ofMinutes(30);

    private final JdbcTemplate jdbc;
    private final ObjectProvider<SandboxPhones> phones;

    /** The phones exist only where the sandbox's simulators run in this JVM; other benchmarks start without them. */
    FftBenchController(JdbcTemplate jdbc, ObjectProvider<SandboxPhones> phones) {
        this.jdbc = jdbc;
        this.phones = phones;
    }

    @PostMapping("/fft")
    Map<String, Object> conversations(@RequestParam int count, @RequestParam(defaultValue = "8") int threads,
            @Value("${server.port}") int port) throws Exception {
        if (count < 1 || count > 1_000_000 || threads < 1 || threads > 64) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "count 1..1000000, threads 1..64");
        }
        SandboxPhones phones = this.phones.getIfAvailable();
        if (phones == null) {
            throw new ResponseStatusException(HttpStatus.CONFLICT,
                    "The FFT benchmark answers on the sandbox's phones: run it with the sandbox simulators in this JVM");
        }
        String runId = "fftbench-" + UUID.randomUUID().toString().substring(0, 8);
        String run = runId + "-%";
        FftLoad load = new FftLoad("http://127.0.0.1:" + port);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("runId", runId);
        report.put("count", count);
        long start = System.nanoTime();

        report.put("encounterPostFailures", load.encounters(runId, count, threads, "integration"));
        double posted = seconds(start);
        await(() -> count("delivery_status = 'DELIVERED'", run), count);
        double questionsDelivered = seconds(start);

        long answersFrom = System.nanoTime();
        report.put("answerFailures", load.replies(phones, count, threads, n -> Integer.toString(1 + n % 6)));
        await(() -> count("state in ('AWAITING_COMMENT', 'ENDED')", run), count);
        await(() -> jdbc.queryForObject("""
                select count(*) from outbox_message o join fft_conversation c on o.correlation_key = c.id
                where c.encounter_id like ? and o.message_type = 'FftFollowUp' and o.status = 'DELIVERED'
                """, Long.class, run), count);
        double answered = seconds(answersFrom);

        long commentsFrom = System.nanoTime();
        report.put("commentFailures", load.replies(phones, count, threads, n -> "Bench comment number " + n));
        await(() -> count("outcome = 'COMPLETED'", run), count);
        double commented = seconds(commentsFrom);
        double total = seconds(start);

        report.put("secondsToPostEncounters", round(posted));
        report.put("secondsToDeliverQuestions", round(questionsDelivered));
        report.put("secondsAnswersToFollowUpsDelivered", round(answered));
        report.put("secondsCommentsToCompleted", round(commented));
        report.put("secondsTotal", round(total));
        report.put("questionsDeliveredPerSecond", Math.round(count / questionsDelivered));
        report.put("answersHandledWithFollowUpDeliveredPerSecond", Math.round(count / answered));
        report.put("commentsHandledPerSecond", Math.round(count / commented));
        report.put("conversationsPerSecond", Math.round(count / total));
        report.put("completed", count("outcome = 'COMPLETED'", run));
        return report;
    }

    private long count(String condition, String run) {
        return jdbc.queryForObject("select count(*) from fft_conversation where encounter_id like ? and " + condition,
                Long.class, run);
    }

    private static void await(LongSupplier done, long wanted) throws InterruptedException {
        long deadline = System.nanoTime() + PHASE_LIMIT.toNanos();
        while (done.getAsLong() < wanted) {
            if (System.nanoTime() > deadline) {
                throw new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT, "phase not done in " + PHASE_LIMIT);
            }
            Thread.sleep(200);
        }
    }

    private static double seconds(long fromNanos) {
        return (System.nanoTime() - fromNanos) / 1e9;
    }

    private static double round(double seconds) {
        return Math.round(seconds * 10) / 10.0;
    }
}
