package org.handover.sandbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.handover.sandbox.ShortMessage.Direction;
import org.handover.sandbox.ShortMessage.State;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** The simulated message centre's short messages, in table {@code sandbox_sms}. */
@SandboxOnly
@Component
class SmsStore {

    record Counts(long textsReceived, long repliesSent, long repliesQueued, long receiptsPending, long failed) {
    }

    /**
     * Settled: nothing more is owed to Handover for it, and it never changes again. Said as "not one of the others":
     * with {@code state in (...)} H2 read the prune's range through the (state, seq) index, that is every settled
     * message kept, not just those below the cut (240 ms a query at 200,000 kept, against 1 ms through the seq index).
     */
    private static final String SETTLED = EnumSet.complementOf(EnumSet.of(State.RECEIVED, State.RECEIPT_SENT,
            State.DELIVERED)).stream()
            .map(state -> "'" + state + "'").collect(Collectors.joining(", ", "state not in (", ")"));
    /** The settled messages below a cut, counted by direction, then let go. */
    static final String COUNT_PRUNABLE = "select direction, count(*) as messages from sandbox_sms where seq < ? and "
            + SETTLED + " group by direction";
    static final String DELETE_PRUNABLE = "delete from sandbox_sms where seq < ? and " + SETTLED;
    /** Messages let go in one transaction at most, when a big store is pruned the first time. */
    private static final long PRUNE_CHUNK = 50_000;
    private static final char NULL_SYMBOL = '\u2400';

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    /**
     * Settled messages below this seq were let go by this process: the next chunk starts here, not at the oldest
     * message, which may be one still owed to Handover (those go with the first chunk after they settle).
     */
    private volatile long prunedBelow;

    SmsStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    /** The simulated networks a short message goes through; each hands its own receipts and replies over. */
    static final String SMPP = "smpp";
    static final String NOTIFY = "notify";

    void insert(ShortMessage m) {
        insert(m, SMPP);
    }

    void insert(ShortMessage m, String network) {
        jdbc.update("insert into sandbox_sms (id, direction, phone, short_code, text, data_coding, concat_ref,"
                        + " part_number, part_count, client_ref, esme_system_id, receipt_requested, receipt_status, state,"
                        + " deliver_after, forwarded_at, attempts, last_error, received_at, network)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                m.id(), m.direction().name(), m.phone(), m.shortCode(), stored(m.text()), m.dataCoding(),
                m.concatReference(),
                m.partNumber(), m.partCount(), m.clientReference(), m.esmeSystemId(), m.receiptRequested(),
                m.receiptStatus(), m.state().name(), MeshStore.timestamp(m.deliverAfter()),
                MeshStore.timestamp(m.forwardedAt()), m.attempts(), m.lastError(), MeshStore.timestamp(m.receivedAt()),
                network);
    }

    Optional<ShortMessage> find(String id) {
        return jdbc.query("select * from sandbox_sms where id = ?", SmsStore::message, id).stream().findFirst();
    }

    /** Receipts and replies the SMPP message centre owes Handover and due now, oldest first. */
    List<ShortMessage> due(Instant now, int limit) {
        return due(SMPP, now, limit);
    }

    /**
     * Receipts and replies the network owes Handover and due now, oldest first. One query per state, ordered as the
     * {@code (state, seq)} index is, so that H2 reads the first {@code limit} entries and stops; with both states in
     * one query it read and sorted every message owed (all the replies the phones had typed) on every round, and a
     * round cost more the bigger the backlog.
     */
    List<ShortMessage> due(String network, Instant now, int limit) {
        List<Map.Entry<Long, ShortMessage>> due = new ArrayList<>();
        for (State state : List.of(State.RECEIPT_PENDING, State.QUEUED)) {
            due.addAll(jdbc.query("select * from sandbox_sms where state = ?"
                    + " and (deliver_after is null or deliver_after <= ?) and network = ? order by state, seq"
                    + " fetch first " + limit + " rows only", (rs, row) -> Map.entry(rs.getLong("seq"),
                    message(rs, row)), state.name(), MeshStore.timestamp(now), network));
        }
        return due.stream().sorted(Map.Entry.comparingByKey()).limit(limit).map(Map.Entry::getValue).toList();
    }

    void forwarded(ShortMessage m, Instant at) {
        forwarded(List.of(m), at);
    }

    /** Records receipts and replies handed over, in one statement. */
    void forwarded(List<ShortMessage> messages, Instant at) {
        if (messages.isEmpty()) {
            return;
        }
        List<Object> args = new ArrayList<>(messages.size() + 1);
        args.add(MeshStore.timestamp(at));
        messages.forEach(m -> args.add(m.id()));
        jdbc.update("update sandbox_sms set state = case direction when 'MT' then '" + State.RECEIPT_SENT
                + "' else '" + State.DELIVERED + "' end, forwarded_at = ?, attempts = attempts + 1, last_error = null"
                + " where id in (" + String.join(", ", Collections.nCopies(messages.size(), "?")) + ")",
                args.toArray());
    }

    /** Counts a failed hand-over; after {@code maxAttempts} the message centre gives up on it. */
    void attemptFailed(ShortMessage m, String error, Instant retryAfter, int maxAttempts) {
        String clipped = error == null || error.length() <= 500 ? error : error.substring(0, 500);
        jdbc.update("update sandbox_sms set attempts = attempts + 1, last_error = ?, deliver_after = ?,"
                        + " state = case when attempts + 1 >= ? then 'FAILED' else state end where id = ?",
                clipped, MeshStore.timestamp(retryAfter), maxAttempts, m.id());
    }

    /** The short code the phone last heard from, so that a reply goes back where the text came from. */
    Optional<String> lastShortCodeFor(String phone) {
        return jdbc.query("select short_code from sandbox_sms where phone = ? and direction = 'MT' order by seq desc",
                ps -> {
                    ps.setString(1, phone);
                    ps.setMaxRows(1);
                }, (rs, row) -> rs.getString(1)).stream().findFirst();
    }

    /** Newest first. */
    List<ShortMessage> recent(int limit) {
        return jdbc.query("select * from sandbox_sms order by seq desc", ps -> ps.setMaxRows(limit),
                SmsStore::message);
    }

    /** All-time totals: the messages kept, and those let go by {@link #pruneSettled}. */
    Counts counts() {
        Map<String, Object> row = jdbc.queryForMap("select"
                + " coalesce(sum(case when direction = 'MT' then 1 else 0 end), 0)"
                + " + (select messages from sandbox_sms_pruned where direction = 'MT') as mt,"
                + " coalesce(sum(case when direction = 'MO' then 1 else 0 end), 0)"
                + " + (select messages from sandbox_sms_pruned where direction = 'MO') as mo,"
                + " coalesce(sum(case when state = 'QUEUED' then 1 else 0 end), 0) as queued,"
                + " coalesce(sum(case when state = 'RECEIPT_PENDING' then 1 else 0 end), 0) as pending,"
                + " coalesce(sum(case when state = 'FAILED' then 1 else 0 end), 0) as failed"
                + " from sandbox_sms");
        return new Counts(number(row, "mt"), number(row, "mo"), number(row, "queued"), number(row, "pending"),
                number(row, "failed"));
    }

    void deleteAll() {
        transaction.executeWithoutResult(status -> {
            jdbc.update("delete from sandbox_sms");
            jdbc.update("update sandbox_sms_pruned set messages = 0");
        });
    }

    /**
     * Lets go of settled messages older than the newest {@code kept} (those still owed to Handover, and failed ones,
     * stay), counting them by direction for {@link #counts}. A store that grows without end costs the simulator more
     * CPU with every message (its indexes outgrow H2's page cache).
     *
     * @return how many were let go
     */
    long pruneSettled(int kept) {
        long pruned = 0;
        long done;
        do {
            Chunk chunk = transaction.execute(status -> pruneChunk(kept));
            done = chunk.pruned();
            pruned += done;
            prunedBelow = Math.max(prunedBelow, chunk.below());
        } while (done > 0);
        return pruned;
    }

    private record Chunk(long pruned, long below) {
    }

    private Chunk pruneChunk(int kept) {
        // min and max of an indexed column alone are read from the index; "the oldest settled" would scan
        Map<String, Object> range = jdbc.queryForMap("select min(seq) as low, max(seq) as high from sandbox_sms");
        if (!(range.get("high") instanceof Number high) || !(range.get("low") instanceof Number lowest)) {
            return new Chunk(0, 0);
        }
        long low = Math.max(lowest.longValue(), prunedBelow);
        long below = Math.min(high.longValue() - kept + 1, low + PRUNE_CHUNK);
        if (below <= low) {
            return new Chunk(0, 0);
        }
        long pruned = 0;
        for (Map<String, Object> counted : jdbc.queryForList(COUNT_PRUNABLE, below)) {
            long messages = ((Number) counted.get("messages")).longValue();
            jdbc.update("update sandbox_sms_pruned set messages = messages + ? where direction = ?", messages,
                    counted.get("direction"));
            pruned += messages;
        }
        jdbc.update(DELETE_PRUNABLE, below);
        return new Chunk(pruned, below);
    }

    private static long number(Map<String, Object> row, String column) {
        for (Map.Entry<String, Object> entry : row.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(column) && entry.getValue() instanceof Number value) {
                return value.longValue();
            }
        }
        return 0;
    }

    /**
     * PostgreSQL cannot hold U+0000, but a message centre passes on whatever the handset sent, NUL included, and
     * Handover must be shown it as it would arrive: the store keeps NUL as U+2400 (the visible symbol for null) and
     * gives it back as NUL. A patient typing U+2400 itself would come out as NUL: a simulator's licence.
     */
    static String stored(String text) {
        return text == null ? null : text.replace('\u0000', NULL_SYMBOL);
    }

    static String asTyped(String stored) {
        return stored == null ? null : stored.replace(NULL_SYMBOL, '\u0000');
    }

    private static ShortMessage message(ResultSet rs, int row) throws SQLException {
        return new ShortMessage(
                rs.getString("id"),
                Direction.valueOf(rs.getString("direction")),
                rs.getString("phone"),
                rs.getString("short_code"),
                asTyped(rs.getString("text")),
                rs.getInt("data_coding"),
                rs.getString("concat_ref"),
                (Integer) rs.getObject("part_number", Integer.class),
                (Integer) rs.getObject("part_count", Integer.class),
                rs.getString("client_ref"),
                rs.getString("esme_system_id"),
                rs.getBoolean("receipt_requested"),
                rs.getString("receipt_status"),
                State.valueOf(rs.getString("state")),
                MeshStore.instant(rs.getTimestamp("deliver_after")),
                MeshStore.instant(rs.getTimestamp("forwarded_at")),
                rs.getInt("attempts"),
                rs.getString("last_error"),
                MeshStore.instant(rs.getTimestamp("received_at")));
    }
}
