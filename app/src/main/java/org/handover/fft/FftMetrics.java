package org.handover.fft;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.handover.rules.fft.SkipReason;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Prometheus metrics of the Friends and Family Test: texts sent by kind, questions delivered and undelivered,
 * replies by what they were, opt-outs, skips by reason (counters), and the response rate over the last 30 days
 * (answers / questions sent, from the database every minute).
 */
@Component
class FftMetrics {

    private final MeterRegistry registry;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private volatile double responseRate;

    FftMetrics(MeterRegistry registry, JdbcTemplate jdbc, Clock clock) {
        this.registry = registry;
        this.jdbc = jdbc;
        this.clock = clock;
        Gauge.builder("handover.fft.response.rate", () -> responseRate)
                .description("Answers / questions sent over the last 30 days")
                .register(registry);
    }

    void textSent(String type) {
        count("handover.fft.texts.sent", "type", type, 1);
    }

    void delivered(int questions) {
        count("handover.fft.questions.receipts", "status", "delivered", questions);
    }

    void undelivered(int questions) {
        count("handover.fft.questions.receipts", "status", "undelivered", questions);
    }

    void reply(String kind) {
        count("handover.fft.replies", "kind", kind, 1);
    }

    void optedOut() {
        count("handover.fft.opt.outs", "source", "sms", 1);
    }

    void skipped(SkipReason reason) {
        skipped(reason, 1);
    }

    void skipped(SkipReason reason, int conversations) {
        count("handover.fft.skipped", "reason", reason.name().toLowerCase(), conversations);
    }

    /**
     * Counted when the caller's transaction commits (at once without one): a batch that rolls back and is handled
     * again one by one must not count twice.
     */
    private void count(String name, String tag, String value, int amount) {
        if (amount <= 0) {
            return;
        }
        Counter counter = counter(name, tag, value);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    counter.increment(amount);
                }
            });
        } else {
            counter.increment(amount);
        }
    }

    @Scheduled(fixedDelayString = "${handover.fft.metrics-interval:60s}", initialDelay = 5_000)
    void refreshResponseRate() {
        Timestamp since = Timestamp.from(clock.instant().minus(Duration.ofDays(30)));
        Map<String, Object> row = jdbc.queryForMap("""
                select count(*) as asked, count(answer) as answered from fft_conversation where asked_at > ?
                """, since);
        long asked = ((Number) row.get("asked")).longValue();
        long answered = ((Number) row.get("answered")).longValue();
        responseRate = asked == 0 ? 0 : (double) answered / asked;
    }

    private Counter counter(String name, String tag, String value) {
        return counters.computeIfAbsent(name + "|" + value, key -> Counter.builder(name).tag(tag, value)
                .register(registry));
    }
}
