package org.handover.chc;

import java.time.LocalDate;

/**
 * A CHC case to open, already validated: the NHS number has ten digits and a good check digit.
 *
 * @param source    where it came from: {@link ChcCases#SOURCE_DISCHARGE}, {@link ChcCases#SOURCE_API} or
 *                  {@link ChcCases#SOURCE_TASKLIST}
 * @param sourceRef the source's idempotency key (episode id, referral id), or null
 */
record NewChcCase(
        String source,
        String sourceRef,
        String pathway,
        String nhsNumber,
        String patientName,
        LocalDate birthDate,
        String patientEmail,
        String gpPracticeOds,
        String councilCode,
        String ward,
        String referrer,
        String reason,
        String advocateName,
        String advocateRelationship,
        String advocateEmail) {
}
