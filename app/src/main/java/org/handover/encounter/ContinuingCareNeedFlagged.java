package org.handover.encounter;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The discharge rules (or a discharge coordinator) flagged that a patient may need NHS Continuing Healthcare.
 * Published as a Spring application event inside the transaction that recorded the flag; the continuing-care
 * module listens with {@code @TransactionalEventListener} and starts a Checklist for the patient.
 *
 * @param episodeId     the hospital episode the flag came from; idempotency key for the CHC referral
 * @param councilCode   the council (code in the council directory, e.g. LA-STOCKPORT) from the patient's address, or
 *                      null when unknown
 * @param referrer      user id or system that raised the flag
 * @param reason        one line a CHC coordinator can read, e.g. "Pathway 3: new care-home placement"
 */
public record ContinuingCareNeedFlagged(
        String episodeId,
        String nhsNumber,
        String givenName,
        String familyName,
        LocalDate birthDate,
        String postcode,
        String gpPracticeOds,
        String councilCode,
        String ward,
        String referrer,
        String reason,
        Instant flaggedAt) {
}
