package org.handover.encounter;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A patient's hospital encounter has ended: a discharge, the end of an A&amp;E attendance or an outpatient
 * attendance. Published as a Spring application event by whichever intake stored the event (HL7 v2 ADT,
 * FHIR Encounter, POST /api/fft/encounters), inside the transaction that stored it (HL7 v2 and FHIR: the dispatcher's
 * transaction after the ACK, docs/decisions/0007); listeners that start
 * work of their own use {@code @TransactionalEventListener} so nothing starts for an event that was rolled back.
 *
 * @param encounterId   stable id of the encounter at its source (visit number or Encounter id); idempotency key
 * @param mobile        UK mobile in E.164 form (+447...), or null when the patient gave none
 * @param diedInHospital true when the discharge disposition says the patient died
 * @param clinicalCodes diagnosis or outcome codes of the encounter (SNOMED CT or ICD-10), possibly empty
 */
public record EncounterEnded(
        String encounterId,
        String nhsNumber,
        String givenName,
        String familyName,
        LocalDate birthDate,
        String mobile,
        String postcode,
        String gpPracticeOds,
        EncounterSetting setting,
        String siteCode,
        String ward,
        String specialty,
        Instant endedAt,
        boolean diedInHospital,
        List<String> clinicalCodes) {

    public EncounterEnded {
        clinicalCodes = clinicalCodes == null ? List.of() : List.copyOf(clinicalCodes);
    }
}
