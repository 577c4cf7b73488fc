package org.handover.retention;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.handover.support.PostgresForTests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Not a test: a night's backlog on PostgreSQL (ops/bench/retention.sh). A ledger of {@code handover.bench.retention}
 * finished messages past their age, a tenth as many young ones and as many unfinished ones, then one run: rows deleted
 * per second, and the plan of one batch (it should read the partial index {@code outbox_finished}). Also the cost of
 * V24's index on the insert path: the time to insert and settle a block of messages with and without it.
 */
@EnabledIfSystemProperty(named = "handover.bench.retention", matches = "\\d+")
class RetentionNightBench {

    private static final Logger log = LoggerFactory.getLogger(RetentionNightBench.class);

    @Test
    void aNightsBacklog() {
        int rows = Integer.parseInt(System.getProperty("handover.bench.retention"));
        try (HikariDataSource dataSource = PostgresForTests.newDataSource("retention_bench", 10)) {
            ProcessEngine engine = RetentionScenarios.migrated(dataSource, "postgresql");
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);

            report("insert + deliver, with V24's index", settle(jdbc, rows / 10, "with"));
            jdbc.execute("drop index outbox_finished");
            report("insert + deliver, without it", settle(jdbc, rows / 10, "without"));
            jdbc.execute("create index outbox_finished on outbox_message (updated_at)"
                    + " where status in ('SENT', 'DELIVERED', 'ACKNOWLEDGED', 'UNDELIVERABLE', 'ABANDONED')");
            jdbc.update("delete from outbox_message");

            fill(jdbc, rows, "DELIVERED", 100);
            fill(jdbc, rows / 10, "DELIVERED", 10);
            fill(jdbc, rows / 10, "PENDING", 100);
            jdbc.execute("analyze outbox_message");
            RetentionProperties properties = new RetentionProperties(true, LocalTime.of(1, 0), LocalTime.of(5, 0),
                    ZoneId.of("Europe/London"), Duration.ofMinutes(1), 500, Duration.ZERO, Duration.ofDays(90),
                    Duration.ofDays(90), Duration.ofDays(365), Duration.ofDays(90), Duration.ofDays(90),
                    Duration.ofDays(90));
            RetainedTable ledger = RetainedTable.all(properties).get(0);
            String plan = String.join("\n", jdbc.queryForList("explain " + ledger.page(500)
                    .replaceFirst("\\?", "now() - interval '90 days'").replaceFirst("\\?", "'1970-01-01'")
                    .replaceFirst("\\?", "'1970-01-01'").replaceFirst("\\?", "''"), String.class));
            log.info("Plan of one page:\n{}", plan);

            long started = System.nanoTime();
            RetentionRun run = new RetentionJob(jdbc, dataSource, properties,
                    new RetentionMetrics(new SimpleMeterRegistry()),
                    new RetentionRuns(jdbc, Clock.systemUTC()), Clock.systemUTC()).run("bench", false, deletedSoFar -> { });
            double seconds = (System.nanoTime() - started) / 1e9;
            log.info("RETENTION BENCH: {} rows deleted in {} s ({} rows/s, batches of 500); {}; kept {}",
                    run.deleted().get("outbox_message"), "%.1f".formatted(seconds),
                    "%.0f".formatted(run.deleted().get("outbox_message") / seconds), run.summary(),
                    jdbc.queryForObject("select count(*) from outbox_message", Long.class));
            engine.close();
        }
    }

    /** Inserts messages as the outbox does (PENDING), then moves them to SENT and DELIVERED as receipts do. */
    private static Duration settle(JdbcTemplate jdbc, int count, String prefix) {
        Timestamp now = Timestamp.from(Instant.now());
        List<Object[]> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(new Object[] {prefix + "-" + i});
        }
        long started = System.nanoTime();
        for (int from = 0; from < count; from += 500) {
            List<Object[]> block = ids.subList(from, Math.min(count, from + 500));
            jdbc.batchUpdate("insert into outbox_message (id, channel, recipient, message_type, payload, status,"
                    + " next_attempt_at, created_at, updated_at) values (?, 'sms', '+447700900123', 'Bench', 'text',"
                    + " 'PENDING', now(), now(), now())", block);
            jdbc.batchUpdate("update outbox_message set status = 'SENT', updated_at = now() where id = ?", block);
            jdbc.batchUpdate("update outbox_message set status = 'DELIVERED', updated_at = now() where id = ?", block);
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private static void report(String what, Duration took) {
        log.info("RETENTION BENCH: {}: {} ms", what, took.toMillis());
    }

    private static void fill(JdbcTemplate jdbc, int count, String status, int daysAgo) {
        jdbc.update("""
                insert into outbox_message (id, channel, recipient, message_type, payload, status, next_attempt_at,
                    created_at, updated_at)
                select md5(random()::text || g), 'sms', '+447700900123', 'Bench', repeat('x', 200), ?,
                    now() - make_interval(days => ?), now() - make_interval(days => ?),
                    now() - make_interval(days => ?) + make_interval(secs => g % 86400)
                from generate_series(1, ?) g
                """, status, daysAgo, daysAgo, daysAgo, count);
    }
}
