package org.handover.retention;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The job's runs in {@code retention_run} (V31), shared by the nodes: one runs at a time over all of them (the row
 * holding the {@code running} slot), its progress is written after every batch, and its end or failure is kept for
 * whoever asks, on whichever node.
 */
@Component
class RetentionRuns {

    /**
     * A run that has written nothing for this long is taken for dead (its node stopped mid-run) and no longer holds
     * the slot. A batch writes within seconds; a node that stops leaves its run RUNNING until then.
     */
    static final Duration SILENT_AFTER = Duration.ofMinutes(5);

    private static final String COLUMNS =
            "id, kind, started_by, state, started_at, finished_at, complete, deleted, failure";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    RetentionRuns(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Either a run this node may now do, or the one already running somewhere. */
    record Claim(String runId, boolean ours) {
    }

    /** Starts a run unless one is running on any node; a run gone silent is failed first, so it blocks no one. */
    Claim claim(String kind, String startedBy) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.update("""
                update retention_run set state = ?, running = null, finished_at = ?, failure = ?
                where running = 1 and heartbeat_at < ?
                """, RetentionRunState.FAILED, now, "its node wrote nothing for " + SILENT_AFTER.toMinutes()
                + " minutes: taken for stopped", Timestamp.from(now.toInstant().minus(SILENT_AFTER)));
        while (true) {
            String id = UUID.randomUUID().toString();
            try {
                jdbc.update("""
                        insert into retention_run (id, kind, started_by, state, running, started_at, heartbeat_at,
                            deleted)
                        values (?, ?, ?, ?, 1, ?, ?, '')
                        """, id, kind, startedBy, RetentionRunState.RUNNING, now, now);
                return new Claim(id, true);
            } catch (DuplicateKeyException running) {
                List<String> other = jdbc.queryForList("select id from retention_run where running = 1", String.class);
                if (!other.isEmpty()) {
                    return new Claim(other.get(0), false);
                }
                // it ended between the two statements: the slot is free again
            }
        }
    }

    /**
     * Rows deleted so far; also shows the run is alive. Fails when the run no longer holds the slot (another node
     * took it for dead): it must stop, or two runs would overlap.
     */
    void progress(String runId, Map<String, Long> deletedSoFar) {
        int updated = jdbc.update("update retention_run set deleted = ?, heartbeat_at = ? where id = ? and running = 1",
                encode(deletedSoFar), Timestamp.from(clock.instant()), runId);
        if (updated == 0) {
            throw new IllegalStateException("Retention run " + runId + " was taken for stopped by another node");
        }
    }

    void finished(String runId, RetentionRun run) {
        jdbc.update("""
                update retention_run set state = ?, running = null, finished_at = ?, complete = ?, deleted = ?
                where id = ?
                """, RetentionRunState.FINISHED, Timestamp.from(clock.instant()), run.complete(),
                encode(run.deleted()), runId);
    }

    /** Keeps what it deleted before it failed (the last progress written). */
    void failed(String runId, String reason) {
        String failure = reason == null ? "no reason given" : reason;
        jdbc.update("update retention_run set state = ?, running = null, finished_at = ?, failure = ? where id = ?",
                RetentionRunState.FAILED, Timestamp.from(clock.instant()),
                failure.length() > 1000 ? failure.substring(0, 1000) : failure, runId);
    }

    Optional<RetentionRunState> find(String runId) {
        return jdbc.query("select " + COLUMNS + " from retention_run where id = ?", this::state, runId).stream()
                .findFirst();
    }

    /** When the last run that went to the end (on any node) finished, if one did since then. */
    Optional<Instant> lastCompleteSince(Instant since) {
        Timestamp at = jdbc.queryForObject(
                "select max(finished_at) from retention_run where complete = true and finished_at >= ?",
                Timestamp.class, Timestamp.from(since));
        return Optional.ofNullable(at).map(Timestamp::toInstant);
    }

    private RetentionRunState state(ResultSet rs, int row) throws SQLException {
        Timestamp finishedAt = rs.getTimestamp("finished_at");
        Boolean complete = rs.getBoolean("complete");
        if (rs.wasNull()) {
            complete = null;
        }
        return new RetentionRunState(rs.getString("id"), rs.getString("kind"), rs.getString("started_by"),
                rs.getString("state"), rs.getTimestamp("started_at").toInstant(),
                finishedAt == null ? null : finishedAt.toInstant(), complete,
                decode(rs.getString("deleted")), rs.getString("failure"));
    }

    /** "table=rows,...": table names are identifiers, so neither separator occurs in them. */
    private static String encode(Map<String, Long> deleted) {
        return deleted.entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining(","));
    }

    private static Map<String, Long> decode(String deleted) {
        Map<String, Long> tables = new LinkedHashMap<>();
        Arrays.stream(deleted.split(",")).filter(entry -> !entry.isEmpty()).map(entry -> entry.split("="))
                .forEach(entry -> tables.put(entry[0], Long.parseLong(entry[1])));
        return tables;
    }
}
