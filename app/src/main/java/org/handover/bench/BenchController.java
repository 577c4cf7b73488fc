package org.handover.bench;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import org.handover.messaging.Outbox;
import org.handover.routes.delivery.Channel;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Benchmark hooks, present only when {@code handover.bench.enabled=true} (ops/bench sets it; no profile does):
 * load the outbox with synthetic messages, then read the delivery figures of that run from the ledger.
 */
@RestController
@RequestMapping("/api/admin/bench")
@ConditionalOnProperty(name = "handover.bench.enabled", havingValue = "true")
class BenchController {

    private final Map<String, OutboxLoad.Written> written = new java.util.concurrent.ConcurrentHashMap<>();
    private final OutboxLoad load;
    private final JdbcTemplate jdbc;

    BenchController(Outbox outbox, TransactionTemplate transaction, JdbcTemplate jdbc) {
        this.load = new OutboxLoad(outbox, transaction);
        this.jdbc = jdbc;
    }

    @PostMapping("/outbox")
    Map<String, Object> loadOutbox(@RequestParam int count,
            @RequestParam(defaultValue = "sms,gp,social-care") String channels,
            @RequestParam(defaultValue = "4") int threads,
            @RequestParam(defaultValue = "0") int rate,
            @RequestParam(defaultValue = "20") int perTransaction) throws Exception {
        if (count < 1 || count > 1_000_000 || threads < 1 || threads > 64 || rate < 0 || perTransaction < 1
                || perTransaction > 1_000) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "count 1..1000000, threads 1..64, rate 0 or more, perTransaction 1..1000");
        }
        List<Channel> channelList = Arrays.stream(channels.split(",")).map(String::strip).map(Channel::fromId).toList();
        String runId = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        Instant started = Instant.now();
        // Written in the background so that the caller can follow delivery while the outbox fills.
        Thread writer = new Thread(() -> {
            try {
                written.put(runId, load.write(runId, count, channelList, threads, rate, perTransaction));
            } catch (Exception e) {
                written.put(runId, new OutboxLoad.Written(Instant.EPOCH, -1));
            }
        }, "bench-writer");
        writer.setDaemon(true);
        writer.start();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("runId", runId);
        result.put("count", count);
        result.put("startedAt", started);
        return result;
    }

    /**
     * Posts {@code count} synthetic referrals to a FHIR intake over HTTP, as the integration user, and answers with
     * referrals/s and intake latency percentiles (request sent to 201 received). The intake is this node's, or with
     * {@code targetPort} another node's on this machine: the benchmark runs its client in a second JVM so that the
     * node measured spends its CPU on referrals only. Open triage tasks are counted only for this node's own intake.
     */
    @PostMapping("/referrals")
    Map<String, Object> postReferrals(@RequestParam int count, @RequestParam(defaultValue = "8") int threads,
            @RequestParam(defaultValue = "integration") String user,
            @RequestParam(defaultValue = "integration") String password,
            @RequestParam(required = false) Integer targetPort,
            @RequestParam(defaultValue = "false") boolean minimal,
            @org.springframework.beans.factory.annotation.Value("${server.port}") int port) throws Exception {
        if (count < 1 || count > 1_000_000 || threads < 1 || threads > 64) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "count 1..1000000, threads 1..64");
        }
        if (targetPort != null && (targetPort < 1 || targetPort > 65_535)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "targetPort 1..65535");
        }
        String runId = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        int intakePort = targetPort == null ? port : targetPort;
        ReferralLoad.Result result = new ReferralLoad().post("http://127.0.0.1:" + intakePort, user, password, runId,
                count, threads, minimal);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("runId", runId);
        report.put("count", result.count());
        report.put("created", result.created());
        report.put("failed", result.failed());
        report.put("seconds", result.seconds());
        report.put("referralsPerSecond", Math.round(result.created() / result.seconds()));
        report.put("intakeLatencyMillis", ReferralLoad.percentiles(result.latenciesMillis()));
        report.put("referralsPerSecondEach" + ReferralLoad.INTERVAL_SECONDS + "s", result.createdPerInterval());
        if (intakePort == port) {
            report.put("openTriageTasks", jdbc.queryForObject(
                    "select count(*) from act_ru_task where task_def_key_ = 'UserTask_TriageReferral'", Long.class));
        }
        return report;
    }

    /** Cheap progress: accepted so far (sent, delivered or acknowledged). */
    @GetMapping("/progress")
    Map<String, Object> progress(@RequestParam String runId) {
        Long accepted = jdbc.queryForObject("""
                select count(*) from outbox_message where correlation_key like ? and sent_at is not null
                """, Long.class, runId + "-%");
        return Map.of("runId", runId, "accepted", accepted == null ? 0 : accepted);
    }

    /** Status counts of a run, and once all are accepted, throughput and latency from outbox write to acceptance. */
    @GetMapping("/report")
    Map<String, Object> report(@RequestParam String runId) {
        String prefix = runId + "-%";
        Map<String, Object> report = new LinkedHashMap<>();
        Map<String, Long> statuses = new LinkedHashMap<>();
        jdbc.query("select status, count(*) n from outbox_message where correlation_key like ? group by status",
                row -> { statuses.put(row.getString("status"), row.getLong("n")); }, prefix);
        report.put("runId", runId);
        report.put("statuses", statuses);
        OutboxLoad.Written load = written.get(runId);
        report.put("writtenAt", load == null ? null : load.at());
        // Above a few hundred milliseconds the writers could not offer the rate asked for: the figures are closed-loop.
        report.put("writersMaxBehindMillis", load == null ? null : load.maxBehindMillis());
        List<Timing> timings = jdbc.query("""
                select channel, created_at, queued_at, sent_at from outbox_message
                where correlation_key like ? and sent_at is not null
                """, (row, n) -> Timing.of(row), prefix);
        if (!timings.isEmpty()) {
            long[] sorted = sortedMillis(timings, Timing::toAcceptance);
            report.put("accepted", sorted.length);
            report.put("latencyMillis", percentiles(sorted));
            // which stage the time went to: the relay (outbox write to queued) or the queue and the channel route
            report.put("stageMillis", Map.of(
                    "outboxToQueued", percentiles(sortedMillis(timings, Timing::toQueued)),
                    "queuedToAccepted", percentiles(sortedMillis(timings, Timing::queuedToAcceptance))));
            Map<String, Object> byChannel = new TreeMap<>();
            timings.stream().collect(Collectors.groupingBy(Timing::channel)).forEach((channel, ofChannel) ->
                    byChannel.put(channel, percentiles(sortedMillis(ofChannel, Timing::toAcceptance))));
            report.put("latencyMillisByChannel", byChannel);
            jdbc.query("""
                    select min(created_at) first_written, max(sent_at) last_accepted from outbox_message
                    where correlation_key like ?
                    """, row -> {
                Instant first = row.getTimestamp("first_written").toInstant();
                Instant last = row.getTimestamp("last_accepted").toInstant();
                double seconds = Math.max(0.001, Duration.between(first, last).toMillis() / 1000.0);
                report.put("firstWrittenAt", first);
                report.put("lastAcceptedAt", last);
                report.put("elapsedSeconds", seconds);
                report.put("messagesPerSecond", Math.round(sorted.length / seconds));
            }, prefix);
        }
        return report;
    }

    private static Map<String, Long> percentiles(long[] sorted) {
        return Map.of("p50", percentile(sorted, 50), "p95", percentile(sorted, 95), "p99", percentile(sorted, 99),
                "max", sorted[sorted.length - 1]);
    }

    private static long[] sortedMillis(List<Timing> timings, ToLongFunction<Timing> stage) {
        return timings.stream().mapToLong(stage).sorted().toArray();
    }

    /** When a message was written, queued by the relay (its last attempt) and accepted by its receiver. */
    private record Timing(String channel, Instant created, Instant queued, Instant sent) {

        static Timing of(ResultSet row) throws SQLException {
            Instant created = row.getTimestamp("created_at").toInstant();
            Timestamp queued = row.getTimestamp("queued_at");
            return new Timing(row.getString("channel"), created, queued == null ? created : queued.toInstant(),
                    row.getTimestamp("sent_at").toInstant());
        }

        long toAcceptance() {
            return Duration.between(created, sent).toMillis();
        }

        long toQueued() {
            return Duration.between(created, queued).toMillis();
        }

        long queuedToAcceptance() {
            return Duration.between(queued, sent).toMillis();
        }
    }

    private static long percentile(long[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
