package org.handover.chc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code chc_case} table, its timeline ({@code chc_event}) and its PDFs ({@code chc_document}). */
@Repository
class ChcCases {

    static final String SOURCE_DISCHARGE = "discharge";
    static final String SOURCE_API = "api";
    static final String SOURCE_TASKLIST = "tasklist";
    static final String STANDARD = "standard";
    /** Timeline kind of a letter the team must print and post (no email address, no GP MESH mailbox...). */
    static final String LETTER_TO_POST = "LETTER_TO_POST";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    ChcCases(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Inserts the case; a second case with the same source and reference is refused by the unique index. */
    ChcCase insert(NewChcCase c, String status) {
        String id = UUID.randomUUID().toString();
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.update("""
                insert into chc_case (id, source, source_ref, pathway, status, nhs_number, patient_name,
                    patient_birth_date, patient_email, gp_practice_ods, council_code, ward, referrer, reason,
                    advocate_name, advocate_relationship, advocate_email, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, id, c.source(), c.sourceRef(), c.pathway(), status, c.nhsNumber(), c.patientName(),
                c.birthDate() == null ? null : java.sql.Date.valueOf(c.birthDate()), c.patientEmail(),
                c.gpPracticeOds(), c.councilCode(), c.ward(), c.referrer(), c.reason(), c.advocateName(),
                c.advocateRelationship(), c.advocateEmail(), now, now);
        return find(id).orElseThrow();
    }

    Optional<ChcCase> find(String id) {
        return jdbc.query("select * from chc_case where id = ?", ChcCases::row, id).stream().findFirst();
    }

    Optional<ChcCase> findBySource(String source, String sourceRef) {
        return jdbc.query("select * from chc_case where source = ? and source_ref = ?", ChcCases::row, source,
                sourceRef).stream().findFirst();
    }

    ChcCase get(String id) {
        return find(id).orElseThrow(() -> new IllegalStateException("No CHC case " + id));
    }

    void status(String id, String status) {
        jdbc.update("update chc_case set status = ?, updated_at = ? where id = ?", status, now(), id);
    }

    void advocate(String id, String name, String relationship, String email) {
        jdbc.update("update chc_case set advocate_name = ?, advocate_relationship = ?, advocate_email = ?,"
                + " updated_at = ? where id = ?", name, relationship, email, now(), id);
    }

    void checklist(String id, boolean positive, String rule, String counts) {
        jdbc.update("update chc_case set checklist_positive = ?, checklist_rule = ?, checklist_counts = ?, status = ?,"
                + " updated_at = ? where id = ?", positive, rule, counts, positive ? "CHECKLIST_POSITIVE"
                : "CHECKLIST_NEGATIVE", now(), id);
    }

    void referredToIcb(String id, Instant receivedAt, Instant dueAt) {
        jdbc.update("update chc_case set icb_received_at = ?, decision_due_at = ?, status = ?, updated_at = ?"
                + " where id = ?", Timestamp.from(receivedAt), dueAt == null ? null : Timestamp.from(dueAt),
                "REFERRED_TO_ICB", now(), id);
    }

    void recommendation(String id, String recommendation, String rule) {
        jdbc.update("update chc_case set recommendation = ?, recommendation_rule = ?, status = ?, updated_at = ?"
                + " where id = ?", recommendation, rule, "AWAITING_PANEL", now(), id);
    }

    void decision(String id, boolean eligible, boolean changed, Instant decidedAt, boolean withinTarget) {
        jdbc.update("update chc_case set eligible = ?, recommendation_changed = ?, decided_at = ?,"
                + " decided_within_target = ?, status = ?, updated_at = ? where id = ?", eligible, changed,
                Timestamp.from(decidedAt), withinTarget, eligible ? "ELIGIBLE" : "NOT_ELIGIBLE", now(), id);
    }

    void breached(String id) {
        jdbc.update("update chc_case set breached = true, updated_at = ? where id = ?", now(), id);
    }

    void breachReason(String id, String reason) {
        jdbc.update("update chc_case set breach_reason = ?, updated_at = ? where id = ?", reason, now(), id);
    }

    // ---- timeline

    void event(String caseId, String kind, String actor, String summary, String details) {
        jdbc.update("insert into chc_event (case_id, occurred_at, kind, actor, summary, details) values (?, ?, ?, ?, ?, ?)",
                caseId, now(), kind, actor, summary, details);
    }

    record Event(long id, Instant occurredAt, String kind, String actor, String summary, String details) {
    }

    List<Event> events(String caseId) {
        return jdbc.query("select * from chc_event where case_id = ? order by id", (rs, row) -> new Event(
                rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(), rs.getString("kind"),
                rs.getString("actor"), rs.getString("summary"), rs.getString("details")), caseId);
    }

    // ---- documents

    record Document(String id, String kind, String title, String fileName, Instant createdAt) {
    }

    String document(String caseId, String kind, String title, String fileName, byte[] pdf) {
        String id = UUID.randomUUID().toString();
        jdbc.update("insert into chc_document (id, case_id, kind, title, file_name, created_at, pdf)"
                + " values (?, ?, ?, ?, ?, ?, ?)", id, caseId, kind, title, fileName, now(), pdf);
        return id;
    }

    List<Document> documents(String caseId) {
        return jdbc.query("select id, kind, title, file_name, created_at from chc_document where case_id = ?"
                + " order by created_at, id", (rs, row) -> new Document(rs.getString("id"), rs.getString("kind"),
                rs.getString("title"), rs.getString("file_name"), rs.getTimestamp("created_at").toInstant()), caseId);
    }

    Optional<Document> document(String caseId, String documentId) {
        return jdbc.query("select id, kind, title, file_name, created_at from chc_document where case_id = ?"
                + " and id = ?", (rs, row) -> new Document(rs.getString("id"), rs.getString("kind"), rs.getString("title"),
                        rs.getString("file_name"), rs.getTimestamp("created_at").toInstant()), caseId, documentId)
                .stream().findFirst();
    }

    Optional<byte[]> pdf(String caseId, String documentId) {
        return jdbc.query("select pdf from chc_document where case_id = ? and id = ?", (rs, row) -> rs.getBytes(1),
                caseId, documentId).stream().findFirst();
    }

    // ---- letters (the outbox rows this case caused)

    record Letter(String messageId, String channel, String recipient, String type, String status, Instant createdAt) {
    }

    List<Letter> letters(String caseId) {
        return jdbc.query("select id, channel, recipient, message_type, status, created_at from outbox_message"
                + " where correlation_key = ? order by created_at, id", (rs, row) -> new Letter(rs.getString("id"),
                rs.getString("channel"), rs.getString("recipient"), rs.getString("message_type"),
                rs.getString("status"), rs.getTimestamp("created_at").toInstant()), caseId);
    }

    // ---- the 28-day measure

    /** Decided standard cases and how many of them within 28 days of the ICB's receipt. */
    record Within28Days(long decided, long withinTarget) {
        double percent() {
            return decided == 0 ? 100.0 : 100.0 * withinTarget / decided;
        }
    }

    Within28Days within28Days() {
        return jdbc.queryForObject("select count(*), coalesce(sum(case when decided_within_target then 1 else 0 end), 0)"
                + " from chc_case where decided_at is not null and pathway = 'standard'",
                (rs, row) -> new Within28Days(rs.getLong(1), rs.getLong(2)));
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    private static ChcCase row(ResultSet rs, int row) throws SQLException {
        java.sql.Date birth = rs.getDate("patient_birth_date");
        return new ChcCase(rs.getString("id"), rs.getString("source"), rs.getString("source_ref"),
                rs.getString("pathway"), rs.getString("status"), rs.getString("nhs_number"),
                rs.getString("patient_name"), birth == null ? null : birth.toLocalDate(), rs.getString("patient_email"),
                rs.getString("gp_practice_ods"), rs.getString("council_code"), rs.getString("ward"),
                rs.getString("referrer"), rs.getString("reason"), rs.getString("advocate_name"),
                rs.getString("advocate_relationship"), rs.getString("advocate_email"),
                bool(rs, "checklist_positive"), rs.getString("checklist_rule"), rs.getString("checklist_counts"),
                instant(rs, "icb_received_at"), instant(rs, "decision_due_at"), rs.getString("recommendation"),
                rs.getString("recommendation_rule"), bool(rs, "eligible"), bool(rs, "recommendation_changed"),
                instant(rs, "decided_at"), bool(rs, "decided_within_target"), rs.getBoolean("breached"),
                rs.getString("breach_reason"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private static Boolean bool(ResultSet rs, String column) throws SQLException {
        boolean value = rs.getBoolean(column);
        return rs.wasNull() ? null : value;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
