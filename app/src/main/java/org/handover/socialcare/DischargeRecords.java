package org.handover.socialcare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.handover.encounter.PatientDischarged;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Table {@code discharge_to_assess}: one row per discharged episode, from the rules' proposal to the council's answer. */
@Repository
class DischargeRecords {

    enum Status { PROPOSED, DECIDED, NOTIFIED, ACKNOWLEDGED, CANCELLED }

    record DischargeRecord(String episodeId, PatientDischarged discharge, Status status, String pathway,
            String councilCode, String noticeMessageId, Instant notifiedAt) {

        boolean councilNotified() {
            return noticeMessageId != null;
        }
    }

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    DischargeRecords(JdbcTemplate jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** @return false when the episode is already there (a repeated event starts nothing new) */
    boolean insertIfAbsent(PatientDischarged discharge) {
        Timestamp now = now();
        return jdbc.update("""
                insert into discharge_to_assess (episode_id, nhs_number, discharge, status, created_at, updated_at)
                select ?, ?, ?, ?, ?, ?
                where not exists (select 1 from discharge_to_assess where episode_id = ?)
                """, discharge.episodeId(), discharge.nhsNumber(), write(discharge), Status.PROPOSED.name(), now, now,
                discharge.episodeId()) == 1;
    }

    /**
     * A new discharge of an episode whose earlier discharge was cancelled (A13, then A03 again) starts afresh.
     *
     * @return false unless the episode's Discharge to Assess was cancelled
     */
    boolean restartIfCancelled(PatientDischarged discharge) {
        return jdbc.update("""
                update discharge_to_assess set discharge = ?, status = ?, proposed_pathway = null, rules_reason = null,
                    pathway = null, decided_by = null, change_reason = null, council_code = null,
                    directory_version = null, notice_message_id = null, notified_at = null, acknowledged_by = null,
                    acknowledged_at = null, council_reference = null, cancellation_reason = null,
                    cancellation_message_id = null, updated_at = ?
                where episode_id = ? and status = ?
                """, write(discharge), Status.PROPOSED.name(), now(), discharge.episodeId(),
                Status.CANCELLED.name()) == 1;
    }

    void proposed(String episodeId, String proposedPathway, String rulesReason) {
        jdbc.update("update discharge_to_assess set proposed_pathway = ?, rules_reason = ?, updated_at = ?"
                + " where episode_id = ?", proposedPathway, clip(rulesReason, 2000), now(), episodeId);
    }

    Optional<DischargeRecord> find(String episodeId) {
        return jdbc.query("select * from discharge_to_assess where episode_id = ?", (row, n) -> new DischargeRecord(
                row.getString("episode_id"), read(row.getString("discharge")), Status.valueOf(row.getString("status")),
                row.getString("pathway"), row.getString("council_code"), row.getString("notice_message_id"),
                row.getTimestamp("notified_at") == null ? null : row.getTimestamp("notified_at").toInstant()),
                episodeId).stream().findFirst();
    }

    void decided(String episodeId, String pathway, String userId, String changeReason, String councilCode,
            int directoryVersion) {
        jdbc.update("""
                update discharge_to_assess set status = ?, pathway = ?, decided_by = ?, change_reason = ?,
                    council_code = ?, directory_version = ?, updated_at = ? where episode_id = ?
                """, Status.DECIDED.name(), pathway, userId, clip(changeReason, 1000), councilCode, directoryVersion,
                now(), episodeId);
    }

    void notified(String episodeId, String messageId) {
        Timestamp now = now();
        jdbc.update("update discharge_to_assess set status = ?, notice_message_id = ?, notified_at = ?, updated_at = ?"
                + " where episode_id = ?", Status.NOTIFIED.name(), messageId, now, now, episodeId);
    }

    void acknowledged(String episodeId, String userId, String councilReference) {
        Timestamp now = now();
        jdbc.update("update discharge_to_assess set status = ?, acknowledged_by = ?, acknowledged_at = ?,"
                + " council_reference = ?, updated_at = ? where episode_id = ?", Status.ACKNOWLEDGED.name(), userId,
                now, clip(councilReference, 100), now, episodeId);
    }

    void cancelled(String episodeId, String reason, String cancellationMessageId) {
        jdbc.update("update discharge_to_assess set status = ?, cancellation_reason = ?, cancellation_message_id = ?,"
                + " updated_at = ? where episode_id = ?", Status.CANCELLED.name(), clip(reason, 1000),
                cancellationMessageId, now(), episodeId);
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    private String write(PatientDischarged discharge) {
        try {
            return json.writeValueAsString(discharge);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot store the discharge", e);
        }
    }

    private PatientDischarged read(String stored) {
        try {
            return json.readValue(stored, PatientDischarged.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored discharge is not readable", e);
        }
    }

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
