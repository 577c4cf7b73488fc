package org.handover.encounter;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An inpatient or day-case discharge was stored (HL7 v2 A03 or FHIR Encounter finished). Published as a Spring
 * application event inside the storing transaction by the transfer-of-care intake; the social care module listens
 * with {@code @TransactionalEventListener} and starts the Discharge to Assess notification. Published once per
 * episode: a duplicate message publishes nothing.
 *
 * @param episodeId stable id of the hospital episode (PV1-19 visit number or Encounter id); idempotency key
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
        DischargeFacts facts) {

    public PatientDischarged {
        facts = facts == null ? DischargeFacts.unknown() : facts;
    }
}
