package org.handover.referral;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** Table {@code referral}: one row per UBRN. Every update adds one to {@code version}, the resource's ETag. */
@Repository
public class Referrals {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<ReferralRecord.Attachment>> ATTACHMENTS = new TypeReference<>() {
    };
    private static final String COLUMNS = """
            id, ubrn, nhs_number, patient_name, patient_birth_date, patient_mobile, patient_address, practice_ods,
            referrer_name, specialty_code, specialty_display, gp_priority, priority, reason, clinical_information,
            attachments, state, triage_team, routing_reason, triage_outcome, triage_comment, appointment_clinic,
            appointment_start, appointment_location, version, created_at, updated_at, original_resource""";
    private static final RowMapper<ReferralRecord> ROW = Referrals::row;

    private final JdbcTemplate jdbc;

    Referrals(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<ReferralRecord> findById(UUID id) {
        return jdbc.query("select " + COLUMNS + " from referral where id = ?", ROW, id).stream().findFirst();
    }

    public Optional<ReferralRecord> findByUbrn(String ubrn) {
        return jdbc.query("select " + COLUMNS + " from referral where ubrn = ?", ROW, ubrn).stream().findFirst();
    }

    /** Newest first. */
    public List<ReferralRecord> findByNhsNumber(String nhsNumber) {
        return jdbc.query("select " + COLUMNS + " from referral where nhs_number = ? order by created_at desc", ROW,
                nhsNumber);
    }

    /** @throws org.springframework.dao.DuplicateKeyException when the UBRN is already stored */
    void insert(ReferralRecord r) {
        jdbc.update("insert into referral (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                        + "?, ?, ?, ?, ?, ?, ?, ?)",
                r.id(), r.ubrn(), r.nhsNumber(), r.patientName(), r.patientBirthDate(), r.patientMobile(),
                r.patientAddress(), r.practiceOds(), r.referrerName(), r.specialtyCode(), r.specialtyDisplay(),
                r.gpPriority().name(), r.priority().name(), r.reason(), r.clinicalInformation(), json(r.attachments()),
                r.state(), r.triageTeam(), r.routingReason(), r.triageOutcome(), r.triageComment(),
                r.appointment() == null ? null : r.appointment().clinic(),
                r.appointment() == null ? null : r.appointment().start(),
                r.appointment() == null ? null : r.appointment().location(),
                r.version(), Timestamp.from(r.created()), Timestamp.from(r.updated()), r.originalResource());
    }

    /**
     * The referrer's resubmission with further information, only if nobody changed the referral since
     * {@code expectedVersion} (optimistic locking); the state goes back to {@code state}.
     *
     * @return false when the version no longer matches
     */
    boolean resubmitted(UUID id, int expectedVersion, String reason, String clinicalInformation,
            List<ReferralRecord.Attachment> attachments, ReferralPriority gpPriority, ReferralPriority priority,
            String state, String resourceJson, Instant now) {
        return jdbc.update("""
                update referral set reason = ?, clinical_information = ?, attachments = ?, gp_priority = ?, priority = ?,
                    state = ?, original_resource = ?, updated_at = ?, version = version + 1
                where id = ? and version = ?
                """, reason, clinicalInformation, json(attachments), gpPriority.name(), priority.name(), state,
                resourceJson, Timestamp.from(now), id, expectedVersion) == 1;
    }

    /** Runs {@code update referral set <assignments>, updated_at = ?, version = version + 1 where ubrn = ?}. */
    int updateByUbrn(String ubrn, String assignments, Instant now, Object... values) {
        Object[] arguments = new Object[values.length + 2];
        System.arraycopy(values, 0, arguments, 0, values.length);
        arguments[values.length] = Timestamp.from(now);
        arguments[values.length + 1] = ubrn;
        return jdbc.update("update referral set " + assignments + ", updated_at = ?, version = version + 1 where ubrn = ?",
                arguments);
    }

    private static ReferralRecord row(ResultSet rs, int rowNumber) throws SQLException {
        Timestamp appointmentStart = rs.getTimestamp("appointment_start");
        String clinic = rs.getString("appointment_clinic");
        ReferralRecord.Appointment appointment = appointmentStart == null && clinic == null ? null
                : new ReferralRecord.Appointment(clinic,
                        appointmentStart == null ? null : appointmentStart.toLocalDateTime(),
                        rs.getString("appointment_location"));
        return new ReferralRecord(
                rs.getObject("id", UUID.class),
                rs.getString("ubrn"),
                rs.getString("nhs_number"),
                rs.getString("patient_name"),
                rs.getObject("patient_birth_date", java.time.LocalDate.class),
                rs.getString("patient_mobile"),
                rs.getString("patient_address"),
                rs.getString("practice_ods"),
                rs.getString("referrer_name"),
                rs.getString("specialty_code"),
                rs.getString("specialty_display"),
                ReferralPriority.valueOf(rs.getString("gp_priority")),
                ReferralPriority.valueOf(rs.getString("priority")),
                rs.getString("reason"),
                rs.getString("clinical_information"),
                attachments(rs.getString("attachments")),
                rs.getString("state"),
                rs.getString("triage_team"),
                rs.getString("routing_reason"),
                rs.getString("triage_outcome"),
                rs.getString("triage_comment"),
                appointment,
                rs.getInt("version"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(),
                rs.getString("original_resource"));
    }

    private static String json(List<ReferralRecord.Attachment> attachments) {
        try {
            return JSON.writeValueAsString(attachments);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<ReferralRecord.Attachment> attachments(String json) {
        try {
            return json == null || json.isBlank() ? List.of() : JSON.readValue(json, ATTACHMENTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable attachments column", e);
        }
    }
}
