package org.handover.chc;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code chc_gp_copy} table (V32): a letter's copy for the GP practice until its MESH mailbox is known. */
@Repository
class GpCopies {

    enum Status { WAITING, SENT, TO_POST }

    record GpCopy(String messageId, String caseId, String letterType, String documentId, String odsCode,
            String workflowId, Status status, String mailboxId, int failedAttempts, String lastError,
            Instant nextAttemptAt, Instant createdAt, Instant settledAt) {
    }

    private static final String COLUMNS = "message_id, case_id, letter_type, document_id, ods_code, workflow_id,"
            + " status, mailbox_id, failed_attempts, last_error, next_attempt_at, created_at, settled_at";

    private final JdbcTemplate jdbc;

    GpCopies(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Writing the same message id twice keeps the first, as the outbox does. */
    void waiting(String messageId, String caseId, String letterType, String documentId, String odsCode,
            String workflowId, Instant now) {
        jdbc.update("insert into chc_gp_copy (" + COLUMNS + ") select ?, ?, ?, ?, ?, ?, ?, null, 0, null, ?, ?, null"
                + " where not exists (select 1 from chc_gp_copy where message_id = ?)", messageId, caseId, letterType,
                documentId, odsCode, workflowId, Status.WAITING.name(), Timestamp.from(now), Timestamp.from(now),
                messageId);
    }

    List<GpCopy> due(Instant now, int limit) {
        return jdbc.query("select " + COLUMNS + " from chc_gp_copy where status = ? and next_attempt_at <= ?"
                + " order by next_attempt_at fetch first " + limit + " rows only", GpCopies::row,
                Status.WAITING.name(), Timestamp.from(now));
    }

    /** Settles a waiting copy; false when another node (or thread) settled it first. */
    boolean settle(String messageId, Status status, String mailboxId, Instant now) {
        return jdbc.update("update chc_gp_copy set status = ?, mailbox_id = ?, settled_at = ? where message_id = ?"
                + " and status = ?", status.name(), mailboxId, Timestamp.from(now), messageId,
                Status.WAITING.name()) == 1;
    }

    void failed(String messageId, String error, Instant nextAttemptAt) {
        jdbc.update("update chc_gp_copy set failed_attempts = failed_attempts + 1, last_error = ?, next_attempt_at = ?"
                + " where message_id = ? and status = ?", error.length() > 500 ? error.substring(0, 500) : error,
                Timestamp.from(nextAttemptAt), messageId, Status.WAITING.name());
    }

    List<GpCopy> ofCase(String caseId) {
        return jdbc.query("select " + COLUMNS + " from chc_gp_copy where case_id = ? order by created_at, message_id",
                GpCopies::row, caseId);
    }

    private static GpCopy row(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        Timestamp settled = rs.getTimestamp("settled_at");
        return new GpCopy(rs.getString("message_id"), rs.getString("case_id"), rs.getString("letter_type"),
                rs.getString("document_id"), rs.getString("ods_code"), rs.getString("workflow_id"),
                Status.valueOf(rs.getString("status")), rs.getString("mailbox_id"), rs.getInt("failed_attempts"),
                rs.getString("last_error"), rs.getTimestamp("next_attempt_at").toInstant(),
                rs.getTimestamp("created_at").toInstant(), settled == null ? null : settled.toInstant());
    }
}
