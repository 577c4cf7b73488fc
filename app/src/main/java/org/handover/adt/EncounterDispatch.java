package org.handover.adt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.handover.encounter.DischargeCancelled;
import org.handover.encounter.EncounterEnded;
import org.handover.encounter.PatientDischarged;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The encounter_dispatch table (V14): the contract events each hospital event published, kept in the acknowledging
 * transaction and handed to the listeners later by {@link EncounterDispatcher}. The events are stored as they were
 * when the message was acknowledged (JSON), not rebuilt from the episode, which later events may have changed.
 */
class EncounterDispatch {

    private static final Map<String, Class<?>> CONTRACT = Map.of(
            "PatientDischarged", PatientDischarged.class,
            "EncounterEnded", EncounterEnded.class,
            "DischargeCancelled", DischargeCancelled.class);
    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final String selectDue;

    /** @param skipLocked true on PostgreSQL: nodes and threads take disjoint batches instead of waiting for each other */
    EncounterDispatch(JdbcTemplate jdbc, Clock clock, boolean skipLocked) {
        this.jdbc = jdbc;
        this.clock = clock;
        // An event waits while an earlier one of its episode is still pending (or backing off): A01 before A03
        // before A13 for one episode, also across nodes, since the earlier row stays PENDING until its batch commits.
        this.selectDue = """
                select d.seq, d.hospital_event_id, d.episode_id, d.summary, d.events, d.attempts, d.created_at
                from encounter_dispatch d
                where d.state = 'PENDING' and d.next_attempt_at <= ?
                  and not exists (select 1 from encounter_dispatch earlier where earlier.episode_id = d.episode_id
                                  and earlier.state = 'PENDING' and earlier.seq < d.seq)
                order by d.seq
                fetch first ? rows only
                for update""" + (skipLocked ? " skip locked" : "");
    }

    /** One hospital event's contract events, as stored. */
    record Pending(long seq, String hospitalEventId, String episodeId, String summary, String events, int attempts,
            Instant createdAt) {

        List<Object> contractEvents() {
            return read(events);
        }
    }

    /** In the caller's (acknowledging) transaction. */
    void add(String hospitalEventId, String episodeId, String trigger, List<Object> events) {
        String summary = trigger + ": " + events.stream().map(e -> e.getClass().getSimpleName())
                .collect(Collectors.joining(", "));
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.update("""
                insert into encounter_dispatch (hospital_event_id, episode_id, summary, events, state, attempts,
                 created_at, next_attempt_at) values (?, ?, ?, ?, 'PENDING', 0, ?, ?)""",
                hospitalEventId, episodeId, summary, write(events), now, now);
    }

    /** The contract events as a JSON array of {"type": simple class name, "event": the record}. */
    static String write(List<Object> events) {
        ArrayNode array = JSON.createArrayNode();
        for (Object event : events) {
            if (!CONTRACT.containsKey(event.getClass().getSimpleName())) {
                throw new IllegalArgumentException("not a contract event: " + event.getClass().getName());
            }
            array.addObject().put("type", event.getClass().getSimpleName()).set("event", JSON.valueToTree(event));
        }
        return array.toString();
    }

    static List<Object> read(String json) {
        try {
            List<Object> out = new ArrayList<>();
            for (JsonNode node : JSON.readTree(json)) {
                Class<?> type = CONTRACT.get(node.path("type").asText());
                if (type == null) {
                    throw new IllegalStateException("unknown contract event type " + node.path("type"));
                }
                out.add(JSON.treeToValue(node.get("event"), type));
            }
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored contract events cannot be read: " + e.getOriginalMessage(), e);
        }
    }

    /** Locks up to {@code limit} due events, at most one per episode, oldest first; in the caller's transaction. */
    List<Pending> lockDue(int limit) {
        return jdbc.query(selectDue, EncounterDispatch::map, Timestamp.from(clock.instant()), limit);
    }

    /** Locks one event if it is still pending (another thread may have dispatched it meanwhile). */
    List<Pending> lockPending(long seq) {
        return jdbc.query("select seq, hospital_event_id, episode_id, summary, events, attempts, created_at"
                + " from encounter_dispatch where seq = ? and state = 'PENDING' for update", EncounterDispatch::map, seq);
    }

    void dispatched(List<Pending> batch, Instant at) {
        Timestamp when = Timestamp.from(at);
        jdbc.batchUpdate("update encounter_dispatch set state = 'DISPATCHED', dispatched_at = ?, attempts = attempts + 1"
                + " where seq = ?", batch.stream().map(p -> new Object[] {when, p.seq()}).toList());
    }

    void retryLater(long seq, Duration delay, String error) {
        Instant now = clock.instant();
        jdbc.update("update encounter_dispatch set attempts = attempts + 1, next_attempt_at = ?, last_error = ?"
                + " where seq = ? and state = 'PENDING'", Timestamp.from(now.plus(delay)), limit(error), seq);
    }

    void quarantined(long seq, String error) {
        jdbc.update("update encounter_dispatch set state = 'QUARANTINED', attempts = attempts + 1, last_error = ?"
                + " where seq = ? and state = 'PENDING'", limit(error), seq);
    }

    /** A stored event as an administrator sees it: what it is and why it failed, not the events themselves. */
    record Row(long seq, String hospitalEventId, String episodeId, String summary, String state, int attempts,
            Instant createdAt, Instant dispatchedAt, String lastError) {
    }

    List<Row> inState(String state, int limit) {
        return jdbc.query("select seq, hospital_event_id, episode_id, summary, state, attempts, created_at,"
                + " dispatched_at, last_error from encounter_dispatch where state = ? order by seq"
                + " fetch first " + limit + " rows only", EncounterDispatch::row, state);
    }

    /** Locks the event's row for a change by an administrator; empty when there is none. */
    List<Row> lockEvent(String hospitalEventId) {
        return jdbc.query("select seq, hospital_event_id, episode_id, summary, state, attempts, created_at,"
                + " dispatched_at, last_error from encounter_dispatch where hospital_event_id = ? for update",
                EncounterDispatch::row, hospitalEventId);
    }

    /** The events of the same episode after this one that were handed out already, oldest first. */
    List<Row> dispatchedAfter(Row event) {
        return jdbc.query("select seq, hospital_event_id, episode_id, summary, state, attempts, created_at,"
                + " dispatched_at, last_error from encounter_dispatch where episode_id = ? and seq > ?"
                + " and state = 'DISPATCHED' order by seq", EncounterDispatch::row, event.episodeId(), event.seq());
    }

    /** A quarantined event back to PENDING, due now, with its attempts counted afresh. */
    boolean requeue(long seq, String note) {
        return jdbc.update("update encounter_dispatch set state = 'PENDING', attempts = 0, next_attempt_at = ?,"
                + " last_error = ? where seq = ? and state = 'QUARANTINED'",
                Timestamp.from(clock.instant()), limit(note), seq) == 1;
    }

    /** Events not yet dispatched and the age of the oldest (zero when there is none). */
    record Backlog(long pending, Duration oldest, long quarantined) {
    }

    Backlog backlog() {
        Instant now = clock.instant();
        return jdbc.queryForObject("""
                select count(*) filter (where state = 'PENDING') pending,
                       min(case when state = 'PENDING' then created_at end) oldest,
                       count(*) filter (where state = 'QUARANTINED') quarantined
                from encounter_dispatch where state in ('PENDING', 'QUARANTINED')""", (rs, row) -> {
                    Timestamp oldest = rs.getTimestamp("oldest");
                    return new Backlog(rs.getLong("pending"),
                            oldest == null ? Duration.ZERO : maxZero(Duration.between(oldest.toInstant(), now)),
                            rs.getLong("quarantined"));
                });
    }

    private static Pending map(ResultSet rs, int row) throws SQLException {
        return new Pending(rs.getLong("seq"), rs.getString("hospital_event_id"), rs.getString("episode_id"),
                rs.getString("summary"), rs.getString("events"), rs.getInt("attempts"),
                rs.getTimestamp("created_at").toInstant());
    }

    private static Row row(ResultSet rs, int row) throws SQLException {
        Timestamp dispatched = rs.getTimestamp("dispatched_at");
        return new Row(rs.getLong("seq"), rs.getString("hospital_event_id"), rs.getString("episode_id"),
                rs.getString("summary"), rs.getString("state"), rs.getInt("attempts"),
                rs.getTimestamp("created_at").toInstant(), dispatched == null ? null : dispatched.toInstant(),
                rs.getString("last_error"));
    }

    private static Duration maxZero(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }

    private static String limit(String error) {
        String text = error == null ? "no message" : error;
        return text.length() <= 500 ? text : text.substring(0, 500);
    }
}
