package org.handover.referral;

import java.time.LocalDate;
import java.util.List;

/**
 * What a GP's ServiceRequest says, validated: everything Handover needs to route and triage the referral.
 *
 * @param nhsNumber ten digits, valid (Modulus 11)
 * @param patientMobile E.164, or null
 * @param resourceJson the ServiceRequest as received in FHIR JSON, or encoded as FHIR JSON when it came as XML
 */
public record NewReferral(
        String ubrn,
        String nhsNumber,
        String patientName,
        LocalDate patientBirthDate,
        String patientMobile,
        String patientAddress,
        String practiceOds,
        String referrerName,
        String specialtyCode,
        String specialtyDisplay,
        ReferralPriority gpPriority,
        String reason,
        String clinicalInformation,
        List<ReferralRecord.Attachment> attachments,
        String resourceJson) {

    public NewReferral {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }
}
