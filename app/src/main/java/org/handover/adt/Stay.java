package org.handover.adt;

import static org.handover.adt.Patient.or;

import java.time.Instant;
import java.time.LocalDate;
import org.handover.encounter.EncounterSetting;

/**
 * The hospital stay (episode) an event is about.
 *
 * @param patientClass PV1-2 as sent, or the FHIR Encounter class code
 * @param diedInHospital the discharge disposition (PV1-36) or PID-30 says the patient died
 */
record Stay(
        String episodeId,
        String patientClass,
        EncounterSetting setting,
        String siteCode,
        String ward,
        String specialty,
        String consultant,
        Instant admittedAt,
        LocalDate expectedDischargeDate,
        Instant dischargedAt,
        boolean diedInHospital) {

    Stay updatedBy(Stay later) {
        return new Stay(episodeId, or(later.patientClass, patientClass), or(later.setting, setting),
                or(later.siteCode, siteCode), or(later.ward, ward), or(later.specialty, specialty),
                or(later.consultant, consultant), or(later.admittedAt, admittedAt),
                or(later.expectedDischargeDate, expectedDischargeDate), or(later.dischargedAt, dischargedAt),
                later.diedInHospital || diedInHospital);
    }

    Stay withoutDischarge() {
        return new Stay(episodeId, patientClass, setting, siteCode, ward, specialty, consultant, admittedAt,
                expectedDischargeDate, null, false);
    }

    /** Discharges from these settings start the transfer of care; ED and outpatient attendances only end. */
    boolean isAdmittedCare() {
        return setting == EncounterSetting.INPATIENT || setting == EncounterSetting.DAY_CASE
                || setting == EncounterSetting.MATERNITY;
    }
}
