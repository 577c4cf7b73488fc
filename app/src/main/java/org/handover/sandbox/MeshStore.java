package org.handover.sandbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** The simulated MESH's messages, in table {@code sandbox_mesh_message}. */
@SandboxOnly
@Component
class MeshStore {

    private static final String COLUMNS = "id, message_type, sender, recipient, workflow_id, subject, local_id, file_name,"
            + " content_type, content_encoding, content_checksum, compressed, encrypted, status, status_code,"
            + " status_event, status_description, linked_message_id, received_at, acknowledged_at";

    private static final RowMapper<MeshMessage> MESSAGE = MeshStore::message;

    /** A message with its body, for the sandbox page. */
    record WithBody(MeshMessage message, byte[] body) {
    }

    record Counts(long delivered, long unacknowledged, long undeliverable, long reports) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    MeshStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    <T> T inTransaction(Supplier<T> work) {
        return transaction.execute(status -> work.get());
    }

    /** Stores a message; {@code idempotencyKey} must be unique when not null (a duplicate key throws). */
    void insert(MeshMessage m, String idempotencyKey, byte[] body) {
        jdbc.update("insert into sandbox_mesh_message (" + COLUMNS + ", idempotency_key, body)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                m.id(), m.type().name(), m.sender(), m.recipient(), m.workflowId(), m.subject(), m.localId(),
                m.fileName(), m.contentType(), m.contentEncoding(), m.contentChecksum(), m.compressed(),
                m.encrypted(), m.status().name(), m.statusCode(), m.statusEvent(), m.statusDescription(),
                m.linkedMessageId(), timestamp(m.receivedAt()), timestamp(m.acknowledgedAt()), idempotencyKey, body);
    }

    Optional<MeshMessage> findByIdempotencyKey(String idempotencyKey) {
        return jdbc.query("select " + COLUMNS + " from sandbox_mesh_message where idempotency_key = ?", MESSAGE,
                idempotencyKey).stream().findFirst();
    }

    Optional<MeshMessage> find(String id) {
        return jdbc.query("select " + COLUMNS + " from sandbox_mesh_message where id = ?", MESSAGE, id)
                .stream().findFirst();
    }

    Optional<MeshMessage> findSentByLocalId(String sender, String localId) {
        return jdbc.query("select " + COLUMNS + " from sandbox_mesh_message where sender = ? and local_id = ?"
                + " and message_type = 'DATA' order by seq", MESSAGE, sender, localId).stream().findFirst();
    }

    byte[] body(String id) {
        List<byte[]> bodies = jdbc.query("select body from sandbox_mesh_message where id = ?",
                (rs, row) -> rs.getBytes(1), id);
        return bodies.isEmpty() || bodies.get(0) == null ? new byte[0] : bodies.get(0);
    }

    /** Ids of the messages waiting in a mailbox's inbox, oldest first. */
    List<String> inbox(String mailboxId, int max) {
        return jdbc.query("select id from sandbox_mesh_message where recipient = ? and status = 'ACCEPTED'"
                + " order by seq", ps -> {
                    ps.setString(1, mailboxId);
                    ps.setMaxRows(max);
                }, (rs, row) -> rs.getString(1));
    }

    /** Marks a message acknowledged; false when it was not waiting (already acknowledged or not for an inbox). */
    boolean acknowledge(String id, Instant at) {
        return jdbc.update("update sandbox_mesh_message set status = 'ACKNOWLEDGED', acknowledged_at = ?"
                + " where id = ? and status = 'ACCEPTED'", timestamp(at), id) == 1;
    }

    /** A mailbox's messages, newest first, with bodies. */
    List<WithBody> recentFor(String mailboxId, int limit) {
        return jdbc.query("select " + COLUMNS + ", body from sandbox_mesh_message where recipient = ?"
                + " order by seq desc", ps -> {
                    ps.setString(1, mailboxId);
                    ps.setMaxRows(limit);
                }, (rs, row) -> new WithBody(message(rs, row), rs.getBytes("body")));
    }

    /** Messages sent to mailboxes MESH does not know, newest first. */
    List<MeshMessage> undeliverable(int limit) {
        return jdbc.query("select " + COLUMNS + " from sandbox_mesh_message where status = 'UNDELIVERABLE'"
                + " order by seq desc", ps -> ps.setMaxRows(limit), MESSAGE);
    }

    Counts counts() {
        Map<String, Object> row = jdbc.queryForMap("select"
                + " coalesce(sum(case when message_type = 'DATA' and status <> 'UNDELIVERABLE' then 1 else 0 end), 0) as delivered,"
                + " coalesce(sum(case when message_type = 'DATA' and status = 'ACCEPTED' then 1 else 0 end), 0) as waiting,"
                + " coalesce(sum(case when status = 'UNDELIVERABLE' then 1 else 0 end), 0) as undeliverable,"
                + " coalesce(sum(case when message_type = 'REPORT' then 1 else 0 end), 0) as reports"
                + " from sandbox_mesh_message");
        return new Counts(number(row, "delivered"), number(row, "waiting"), number(row, "undeliverable"),
                number(row, "reports"));
    }

    void deleteAll() {
        jdbc.update("delete from sandbox_mesh_message");
    }

    private static long number(Map<String, Object> row, String column) {
        for (Map.Entry<String, Object> entry : row.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(column) && entry.getValue() instanceof Number value) {
                return value.longValue();
            }
        }
        return 0;
    }

    private static MeshMessage message(ResultSet rs, int row) throws SQLException {
        return new MeshMessage(
                rs.getString("id"),
                MeshMessage.Type.valueOf(rs.getString("message_type")),
                rs.getString("sender"),
                rs.getString("recipient"),
                rs.getString("workflow_id"),
                rs.getString("subject"),
                rs.getString("local_id"),
                rs.getString("file_name"),
                rs.getString("content_type"),
                rs.getString("content_encoding"),
                rs.getString("content_checksum"),
                rs.getBoolean("compressed"),
                rs.getBoolean("encrypted"),
                MeshMessage.Status.valueOf(rs.getString("status")),
                rs.getString("status_code"),
                rs.getString("status_event"),
                rs.getString("status_description"),
                rs.getString("linked_message_id"),
                instant(rs.getTimestamp("received_at")),
                instant(rs.getTimestamp("acknowledged_at")));
    }

    static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
