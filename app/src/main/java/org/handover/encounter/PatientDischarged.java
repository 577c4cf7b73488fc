package org.handover.encounter;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An inpatient or day-case discharge was stored (HL7 v2 A03 or FHIR Encounter finished). Published as a Spring
 * application event by the hospital event intake's dispatcher after the message was acknowledged, in the transaction
 * that marks it dispatched (docs/decisions/0007); the social care module listens
 * with {@code @TransactionalEventListener} and starts the Discharge to Assess notification. Published once per
 * episode: a duplicate message publishes nothing.
 *
 * @param episodeId stable id of the hospital episode (PV1-19 visit number or Encounter id); idempotency key
 * @param setting   inpatient, day case or maternity
 * @param consultant the responsible consultant as the source names them (PV1-7 or Encounter participant), or null
 * @param patientCopyRequested the patient chose to receive a plain-language copy of their discharge summary
 * @param diedInHospital the patient died in hospital: the GP still gets the summary (discharge method "died"), but
 *                       nothing goes to the patient and no social care or Continuing Healthcare work starts
 */
public record PatientDischarged(
        String episodeId,
        String nhsNumber,
        String givenName,
        String familyName,
        LocalDate birthDate,
        String addressLine,
        String postcode,
        String mobile,
        String gpPracticeOds,
        String siteCode,
        String ward,
        String specialty,
        Instant admittedAt,
        Instant dischargedAt,
        EncounterSetting setting,
        String consultant,
        boolean patientCopyRequested,
        DischargeFacts facts,
        boolean diedInHospital) {

    public PatientDischarged {
        setting = setting == null ? EncounterSetting.INPATIENT : setting;
        facts = facts == null ? DischargeFacts.unknown() : facts;
        patientCopyRequested = patientCopyRequested && !diedInHospital;
    }

    /** A patient discharged alive. */
    public PatientDischarged(String episodeId, String nhsNumber, String givenName, String familyName,
            LocalDate birthDate, String addressLine, String postcode, String mobile, String gpPracticeOds,
            String siteCode, String ward, String specialty, Instant admittedAt, Instant dischargedAt,
            EncounterSetting setting, String consultant, boolean patientCopyRequested, DischargeFacts facts) {
        this(episodeId, nhsNumber, givenName, familyName, birthDate, addressLine, postcode, mobile, gpPracticeOds,
                siteCode, ward, specialty, admittedAt, dischargedAt, setting, consultant, patientCopyRequested, facts,
                false);
    }
}
