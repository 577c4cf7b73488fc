package org.handover.adt;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.handover.encounter.EncounterSetting;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The hospital_episode table (V9). */
@Repository
class HospitalEpisodes {

    private static final String COLUMNS = "episode_id, status, nhs_number, given_name, family_name, birth_date, "
            + "address_line, postcode, mobile, gp_practice_ods, patient_class, setting, site_code, ward, specialty, "
            + "consultant, admitted_at, expected_discharge_date, discharged_at, died_in_hospital";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    HospitalEpisodes(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Locks the row until the transaction ends, so two events for one episode apply one after the other. */
    Optional<Episode> lock(String episodeId) {
        return jdbc.query("select " + COLUMNS + " from hospital_episode where episode_id = ? for update",
                HospitalEpisodes::map, episodeId).stream().findFirst();
    }

    Optional<Episode> find(String episodeId) {
        return jdbc.query("select " + COLUMNS + " from hospital_episode where episode_id = ?",
                HospitalEpisodes::map, episodeId).stream().findFirst();
    }

    List<Episode> openFor(String nhsNumber) {
        return jdbc.query("select " + COLUMNS + " from hospital_episode where nhs_number = ? and status = 'ADMITTED'"
                + " for update", HospitalEpisodes::map, nhsNumber);
    }

    void insert(Episode e) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.update("insert into hospital_episode (" + COLUMNS + ", created_at, updated_at) values "
                + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values(e, now, now));
    }

    void update(Episode e) {
        Patient p = e.patient();
        Stay s = e.stay();
        jdbc.update("""
                update hospital_episode set status = ?, nhs_number = ?, given_name = ?, family_name = ?, birth_date = ?,
                 address_line = ?, postcode = ?, mobile = ?, gp_practice_ods = ?, patient_class = ?, setting = ?,
                 site_code = ?, ward = ?, specialty = ?, consultant = ?, admitted_at = ?, expected_discharge_date = ?,
                 discharged_at = ?, died_in_hospital = ?, updated_at = ? where episode_id = ?""",
                e.status().name(), p.nhsNumber(), p.givenName(), p.familyName(), date(p.birthDate()), p.addressLine(),
                p.postcode(), p.mobile(), p.gpPracticeOds(), s.patientClass(), setting(s), s.siteCode(), s.ward(),
                s.specialty(), s.consultant(), time(s.admittedAt()), date(s.expectedDischargeDate()),
                time(s.dischargedAt()), s.diedInHospital(), Timestamp.from(clock.instant()), e.episodeId());
    }

    private static Object[] values(Episode e, Timestamp created, Timestamp updated) {
        Patient p = e.patient();
        Stay s = e.stay();
        return new Object[] {e.episodeId(), e.status().name(), p.nhsNumber(), p.givenName(), p.familyName(),
            date(p.birthDate()), p.addressLine(), p.postcode(), p.mobile(), p.gpPracticeOds(), s.patientClass(),
            setting(s), s.siteCode(), s.ward(), s.specialty(), s.consultant(), time(s.admittedAt()),
            date(s.expectedDischargeDate()), time(s.dischargedAt()), s.diedInHospital(), created, updated};
    }

    private static String setting(Stay s) {
        return (s.setting() == null ? EncounterSetting.INPATIENT : s.setting()).name();
    }

    private static Episode map(ResultSet rs, int row) throws SQLException {
        Patient patient = new Patient(rs.getString("nhs_number"), rs.getString("given_name"),
                rs.getString("family_name"), localDate(rs.getDate("birth_date")), rs.getString("address_line"),
                rs.getString("postcode"), rs.getString("mobile"), rs.getString("gp_practice_ods"), false);
        Stay stay = new Stay(rs.getString("episode_id"), rs.getString("patient_class"),
                EncounterSetting.valueOf(rs.getString("setting")), rs.getString("site_code"), rs.getString("ward"),
                rs.getString("specialty"), rs.getString("consultant"), instant(rs.getTimestamp("admitted_at")),
                localDate(rs.getDate("expected_discharge_date")), instant(rs.getTimestamp("discharged_at")),
                rs.getBoolean("died_in_hospital"));
        return new Episode(rs.getString("episode_id"), Episode.Status.valueOf(rs.getString("status")), patient, stay);
    }

    private static Timestamp time(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Date date(LocalDate date) {
        return date == null ? null : Date.valueOf(date);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static LocalDate localDate(Date date) {
        return date == null ? null : date.toLocalDate();
    }
}
