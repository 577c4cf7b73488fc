package org.handover.retention;

import jakarta.annotation.PreDestroy;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.handover.system.Databases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Deletes the operational tables' finished rows once they are older than their {@link RetentionProperties age}, in
 * batches of one short statement each, in the nightly window (or when an administrator asks). Every node runs it
 * (docs/decisions/0008): on PostgreSQL the nodes take different rows, and each counts only what its own statements
 * deleted. One run at a time over all nodes ({@link RetentionRuns}): the nightly run and an administrator's never
 * overlap, and a node whose night another node already did only reads what that run did. Runs on a thread of its own,
 * never on the scheduler thread the delivery metrics and sweeps share.
 */
@Service
public class RetentionJob {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    private final JdbcTemplate jdbc;
    private final RetentionProperties properties;
    private final RetentionMetrics metrics;
    private final RetentionRuns runs;
    private final Clock clock;
    private final List<RetainedTable> tables;
    private final boolean postgres;
    /** The nightly check and the administrator's runs take turns on this thread. */
    private final ScheduledExecutorService runner = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "retention");
        thread.setDaemon(true);
        return thread;
    });
    private LocalDate finishedNight;

    RetentionJob(JdbcTemplate jdbc, DataSource dataSource, RetentionProperties properties, RetentionMetrics metrics,
            RetentionRuns runs, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.metrics = metrics;
        this.runs = runs;
        this.clock = clock;
        this.tables = RetainedTable.all(properties);
        this.postgres = Databases.isPostgres(dataSource);
    }

    @EventListener(ApplicationReadyEvent.class)
    void scheduleNightly() {
        runner.execute(() -> {
            try {
                refreshOldest();
            } catch (RuntimeException e) {
                log.warn("Retention: could not read the oldest rows kept: {}", e.toString());
            }
        });
        if (properties.enabled()) {
            long every = properties.checkInterval().toMillis();
            runner.scheduleWithFixedDelay(this::runIfDue, every, every, TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    void stop() {
        runner.shutdownNow();
    }

    /**
     * An administrator's run, whatever the time: the id of the run started and its outcome to come, or the id of the
     * run already running (on this node or another), which this request does not disturb.
     */
    public Start startNow(String administrator) {
        RetentionRuns.Claim claim = runs.claim("admin", administrator);
        if (!claim.ours()) {
            return new Start(claim.runId(), Optional.empty());
        }
        try {
            CompletableFuture<RetentionRun> outcome = CompletableFuture.supplyAsync(
                    () -> recorded(claim.runId(), "admin " + administrator, false), runner);
            return new Start(claim.runId(), Optional.of(outcome));
        } catch (RejectedExecutionException shuttingDown) {
            runs.failed(claim.runId(), "the node is shutting down");
            throw shuttingDown;
        }
    }

    /** @param outcome empty when a run was already running: {@code runId} is that run's */
    public record Start(String runId, Optional<CompletableFuture<RetentionRun>> outcome) {
    }

    /**
     * In the window, once a night: a run that went to the end (on any node) is not repeated until the next night's
     * window; a run cut short by the window, or one that failed, is.
     */
    void runIfDue() {
        ZonedDateTime now = ZonedDateTime.now(clock).withZoneSameInstant(properties.zone());
        if (!properties.inWindow(now)) {
            return;
        }
        LocalDate night = properties.nightOf(now);
        if (night.equals(finishedNight)) {
            return;
        }
        try {
            Optional<Instant> doneTonight = runs.lastCompleteSince(properties.windowStartOf(night));
            if (doneTonight.isPresent()) {
                finishedNight = night;
                metrics.ranAt(doneTonight.get());
                refreshOldest();
                return;
            }
            RetentionRuns.Claim claim = runs.claim("window", "window");
            if (claim.ours() && recorded(claim.runId(), "window", true).complete()) {
                finishedNight = night;
            }
        } catch (RuntimeException e) {
            log.warn("Retention run failed, will try again in {}: {}", properties.checkInterval(), e.toString());
        }
    }

    /** A run as {@code retention_run} records it: progress after every batch, then its end or why it failed. */
    private RetentionRun recorded(String runId, String trigger, boolean withinWindow) {
        try {
            RetentionRun run = run(trigger, withinWindow, deletedSoFar -> runs.progress(runId, deletedSoFar));
            runs.finished(runId, run);
            return run;
        } catch (RuntimeException e) {
            log.warn("Retention run ({}) failed: {}", trigger, e.toString());
            runs.failed(runId, e.getMessage());
            throw e;
        }
    }

    /**
     * Deletes page after page per table, oldest first, until a page comes back short. With a window, no batch starts
     * after it ends; the run is then incomplete and the next night goes on.
     */
    RetentionRun run(String trigger, boolean withinWindow, Consumer<Map<String, Long>> progress) {
        Instant started = clock.instant();
        Map<String, Long> deleted = new LinkedHashMap<>();
        boolean complete = true;
        for (RetainedTable table : tables) {
            Timestamp cutoff = Timestamp.from(started.minus(table.age()));
            String page = table.page(properties.batchSize());
            Timestamp cursorAt = new Timestamp(0);
            Object cursorKey = table.keyBefore();
            long total = 0;
            while (true) {
                if (withinWindow && !properties.inWindow(ZonedDateTime.now(clock))) {
                    complete = false;
                    break;
                }
                List<Finished> rows = jdbc.query(page, (rs, n) -> new Finished(rs.getObject(1), rs.getTimestamp(2)),
                        cutoff, cursorAt, cursorAt, cursorKey);
                if (rows.isEmpty()) {
                    break;
                }
                List<Object> arguments = new ArrayList<>(rows.stream().map(Finished::key).toList());
                arguments.add(cutoff);
                int batch = jdbc.update(table.deletePage(rows.size(), postgres), arguments.toArray());
                total += batch;
                metrics.deleted(table.name(), batch);
                Map<String, Long> soFar = new LinkedHashMap<>(deleted);
                soFar.put(table.name(), total);
                progress.accept(soFar);
                cursorAt = rows.get(rows.size() - 1).at();
                cursorKey = rows.get(rows.size() - 1).key();
                if (rows.size() < properties.batchSize()) {
                    break;
                }
                pause();
            }
            deleted.put(table.name(), total);
        }
        Map<String, Duration> oldest = refreshOldest();
        RetentionRun run = new RetentionRun(trigger, started, Duration.between(started, clock.instant()), complete,
                deleted, oldest);
        metrics.completed(run);
        log.info("Retention run ({}): {}", trigger, run.summary());
        return run;
    }

    private record Finished(Object key, Timestamp at) {
    }

    /** The age of the oldest finished row each table keeps (whatever keeps it), also for the gauges. */
    private Map<String, Duration> refreshOldest() {
        Map<String, Duration> oldest = new LinkedHashMap<>();
        Instant now = clock.instant();
        for (RetainedTable table : tables) {
            Timestamp finishedAt = jdbc.queryForObject(table.oldestFinished(), Timestamp.class);
            Duration age = finishedAt == null ? Duration.ZERO : Duration.between(finishedAt.toInstant(), now);
            oldest.put(table.name(), age);
            metrics.oldestKept(table.name(), age);
        }
        return oldest;
    }

    private void pause() {
        try {
            Thread.sleep(properties.batchPause().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Retention stopped: the application is shutting down", e);
        }
    }
}
