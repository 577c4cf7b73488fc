package org.handover.transfer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.handover.encounter.PatientDischarged;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Tables {@code transfer_of_care} (one row per episode) and {@code transfer_of_care_message} (every ITK3 message). */
@Repository
class TransferRecords {

    enum Status {
        AWAITING_DISCHARGE, AWAITING_SUMMARY, SUMMARY_COMPLETE, INVALID, SENT, ACKNOWLEDGED, DELIVERY_PROBLEM,
        DELIVERED_OTHERWISE, CANCELLED
    }

    record Transfer(String episodeId, String nhsNumber, PatientDischarged discharge, Status status,
            DischargeSummary summary, String summarySource, Instant dischargedAt, Instant acknowledgedAt,
            String results) {
    }

    record StoredMessage(String id, String episodeId, EDischargeMessages.Kind kind, String bundle, boolean valid,
            String validationErrors, String gpMailbox, Instant sentAt, String response, String responseDetail) {
    }

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    TransferRecords(JdbcTemplate jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Records the discharge. A summary that arrived from upstream before it is kept.
     *
     * @return {@link Start#NONE} when the episode's transfer of care already started (a repeated event starts
     *     nothing new)
     */
    Start discharged(PatientDischarged d, Instant dischargedAt) {
        Timestamp now = now();
        int inserted = jdbc.update("""
                insert into transfer_of_care (episode_id, nhs_number, discharge, ward, specialty, gp_practice_ods,
                    discharged_at, status, created_at, updated_at)
                select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
                where not exists (select 1 from transfer_of_care where episode_id = ?)
                """, d.episodeId(), d.nhsNumber(), write(d), d.ward(), d.specialty(), d.gpPracticeOds(),
                timestamp(dischargedAt), Status.AWAITING_SUMMARY.name(), now, now, d.episodeId());
        if (inserted == 1) {
            return Start.NEW;
        }
        // Summary first (AWAITING_DISCHARGE), or discharged again after a cancellation: start now.
        boolean resumed = jdbc.update("""
                update transfer_of_care set discharge = ?, nhs_number = ?, ward = ?, specialty = ?, gp_practice_ods = ?,
                    discharged_at = ?, status = case when summary is null then ? else ? end, acknowledged_at = null,
                    sla_warned_at = null, sla_breached_at = null, cancellation_reason = null, updated_at = ?
                where episode_id = ? and status in (?, ?)
                """, write(d), d.nhsNumber(), d.ward(), d.specialty(), d.gpPracticeOds(), timestamp(dischargedAt),
                Status.AWAITING_SUMMARY.name(), Status.SUMMARY_COMPLETE.name(), now, d.episodeId(),
                Status.AWAITING_DISCHARGE.name(), Status.CANCELLED.name()) == 1;
        return resumed ? Start.RESUMED : Start.NONE;
    }

    /** What a discharge did to its transfer-of-care record. */
    enum Start {
        /** A new record: no summary can be in it yet. */
        NEW,
        /** A record that was waiting (a summary from upstream came first) or cancelled: it may hold a summary. */
        RESUMED,
        /** The transfer of care had started already. */
        NONE
    }

    /** A summary from upstream before the discharge: kept until the discharge arrives. */
    void summaryBeforeDischarge(String episodeId, String nhsNumber, DischargeSummary summary, String source,
            String by) {
        Timestamp now = now();
        jdbc.update("""
                insert into transfer_of_care (episode_id, nhs_number, status, summary, summary_source,
                    summary_completed_by, summary_recorded_at, results_pending, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, episodeId, nhsNumber, Status.AWAITING_DISCHARGE.name(), write(summary), source, by, now,
                summary.resultsPending(), now, now);
    }

    void summaryRecorded(String episodeId, DischargeSummary summary, String source, String by) {
        Timestamp now = now();
        jdbc.update("""
                update transfer_of_care set summary = ?, summary_source = ?, summary_completed_by = ?,
                    summary_recorded_at = ?, results_pending = ?,
                    status = case when status in (?, ?) then ? else status end, updated_at = ?
                where episode_id = ?
                """, write(summary), source, by, now, summary.resultsPending(), Status.AWAITING_SUMMARY.name(),
                Status.INVALID.name(), Status.SUMMARY_COMPLETE.name(), now, episodeId);
    }

    Optional<Transfer> find(String episodeId) {
        return jdbc.query("select * from transfer_of_care where episode_id = ?", this::mapTransfer, episodeId).stream()
                .findFirst();
    }

    void status(String episodeId, Status status) {
        jdbc.update("update transfer_of_care set status = ?, updated_at = ? where episode_id = ?", status.name(), now(),
                episodeId);
    }

    /** The GP acknowledged the summary, or a person recorded it was delivered another way: the standard stops. */
    void summaryReceived(String episodeId, Status status) {
        Timestamp now = now();
        jdbc.update("update transfer_of_care set status = ?, acknowledged_at = coalesce(acknowledged_at, ?), "
                + "updated_at = ? where episode_id = ?", status.name(), now, now, episodeId);
    }

    void slaWarned(String episodeId) {
        jdbc.update("update transfer_of_care set sla_warned_at = ?, updated_at = ? where episode_id = ?", now(), now(),
                episodeId);
    }

    void slaBreached(String episodeId) {
        jdbc.update("update transfer_of_care set sla_breached_at = ?, updated_at = ? where episode_id = ?", now(), now(),
                episodeId);
    }

    void results(String episodeId, String results) {
        jdbc.update("update transfer_of_care set results = ?, updated_at = ? where episode_id = ?", results, now(),
                episodeId);
    }

    void patientCopy(String episodeId, String channel) {
        jdbc.update("update transfer_of_care set patient_copy_channel = ?, updated_at = ? where episode_id = ?", channel,
                now(), episodeId);
    }

    /** The patient's copy: channel ("requested" until written) and the letter text; empty map when none was asked. */
    java.util.Map<String, Object> patientCopyOf(String episodeId) {
        return jdbc.query("select patient_copy_channel, patient_copy from transfer_of_care where episode_id = ? "
                + "and patient_copy_channel is not null", (row, n) -> {
                    java.util.Map<String, Object> copy = new java.util.LinkedHashMap<>();
                    copy.put("channel", row.getString("patient_copy_channel"));
                    copy.put("letter", row.getString("patient_copy"));
                    return copy;
                }, episodeId).stream().findFirst().orElse(java.util.Map.of());
    }

    void cancelled(String episodeId, String reason) {
        jdbc.update("update transfer_of_care set status = ?, cancellation_reason = ?, updated_at = ? where episode_id = ?",
                Status.CANCELLED.name(), clip(reason, 1000), now(), episodeId);
    }

    void storeMessage(String id, String episodeId, EDischargeMessages.Kind kind, String bundle, List<String> errors) {
        jdbc.update("""
                insert into transfer_of_care_message (id, episode_id, kind, bundle, valid, validation_errors, created_at)
                select ?, ?, ?, ?, ?, ?, ?
                where not exists (select 1 from transfer_of_care_message where id = ?)
                """, id, episodeId, kind.name(), bundle, errors.isEmpty(),
                errors.isEmpty() ? null : clip(String.join("\n", errors), 20000), now(), id);
    }

    void messageSent(String id, String gpMailbox) {
        jdbc.update("update transfer_of_care_message set gp_mailbox = ?, sent_at = ? where id = ?", gpMailbox, now(), id);
    }

    /** @return false when this response was already recorded (a repeated poll) */
    boolean response(String id, String response, String detail) {
        return jdbc.update("update transfer_of_care_message set response = ?, response_detail = ?, responded_at = ? "
                + "where id = ? and (response is null or response <> ?)", response, clip(detail, 2000), now(), id,
                response) == 1;
    }

    Optional<StoredMessage> message(String id) {
        return jdbc.query("select * from transfer_of_care_message where id = ?", this::mapMessage, id).stream().findFirst();
    }

    List<StoredMessage> messages(String episodeId) {
        return jdbc.query("select * from transfer_of_care_message where episode_id = ? order by created_at",
                this::mapMessage, episodeId);
    }

    /** The summary message the GP was last sent for the episode, if any. */
    Optional<StoredMessage> lastSentSummary(String episodeId) {
        return messages(episodeId).stream()
                .filter(m -> m.kind() == EDischargeMessages.Kind.SUMMARY && m.sentAt() != null)
                .reduce((first, second) -> second);
    }

    private Transfer mapTransfer(ResultSet row, int n) throws SQLException {
        String discharge = row.getString("discharge");
        String summary = row.getString("summary");
        return new Transfer(row.getString("episode_id"), row.getString("nhs_number"),
                discharge == null ? null : read(discharge, PatientDischarged.class),
                Status.valueOf(row.getString("status")),
                summary == null ? null : read(summary, DischargeSummary.class), row.getString("summary_source"),
                instant(row.getTimestamp("discharged_at")), instant(row.getTimestamp("acknowledged_at")),
                row.getString("results"));
    }

    private StoredMessage mapMessage(ResultSet row, int n) throws SQLException {
        return new StoredMessage(row.getString("id"), row.getString("episode_id"),
                EDischargeMessages.Kind.valueOf(row.getString("kind")), row.getString("bundle"), row.getBoolean("valid"),
                row.getString("validation_errors"), row.getString("gp_mailbox"), instant(row.getTimestamp("sent_at")),
                row.getString("response"), row.getString("response_detail"));
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot store " + value.getClass().getSimpleName(), e);
        }
    }

    private <T> T read(String stored, Class<T> type) {
        try {
            return json.readValue(stored, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored " + type.getSimpleName() + " is not readable", e);
        }
    }

    static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
