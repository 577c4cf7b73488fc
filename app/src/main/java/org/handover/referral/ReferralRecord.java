package org.handover.referral;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A referral as Handover holds it: what the GP sent, and where triage and booking have got to. One row of table
 * {@code referral}; {@code id} is the FHIR id of the ServiceRequest, {@code version} its ETag.
 *
 * @param nhsNumber ten digits, valid
 * @param patientMobile E.164 ({@code +447700900123}), or null when the GP gave no mobile
 * @param gpPriority the priority the GP asked for
 * @param priority the priority now: after the routing rules (never lower than the GP's) and triage
 * @param state e-RS referral state, e.g. AWAITING_TRIAGE (system https://fhir.nhs.uk/CodeSystem/eRS-ReferralState)
 * @param appointment null until booked
 * @param originalResource the ServiceRequest as the referrer last submitted it (POST, or PUT with further
 *        information), encoded as FHIR JSON; attachments with a binaryId point at its contained resources
 */
public record ReferralRecord(
        UUID id,
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
        ReferralPriority priority,
        String reason,
        String clinicalInformation,
        List<Attachment> attachments,
        String state,
        String triageTeam,
        String routingReason,
        String triageOutcome,
        String triageComment,
        Appointment appointment,
        int version,
        Instant created,
        Instant updated,
        String originalResource) {

    public ReferralRecord {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** This referral as the routing rules' update left it: one version later. */
    public ReferralRecord routed(String team, ReferralPriority newPriority, String routedBecause, Instant at) {
        return new ReferralRecord(id, ubrn, nhsNumber, patientName, patientBirthDate, patientMobile, patientAddress,
                practiceOds, referrerName, specialtyCode, specialtyDisplay, gpPriority, newPriority, reason,
                clinicalInformation, attachments, ReferralStates.AWAITING_TRIAGE, team, routedBecause, triageOutcome,
                triageComment, appointment, version + 1, created, at, originalResource);
    }

    /** Age in whole years on the given day. */
    public int patientAgeOn(LocalDate day) {
        return java.time.Period.between(patientBirthDate, day).getYears();
    }

    /** "ServiceRequest/{id}", as the audit log names it */
    public String resourceName() {
        return "ServiceRequest/" + id;
    }

    /** "/fhir/r4/ServiceRequest/{id}" */
    public String resourcePath() {
        return ReferralResources.PATH + "/" + id;
    }

    /**
     * A document sent with the referral.
     *
     * @param url where to fetch it (a DocumentReference or document URL, or a relative FHIR reference); null when
     *        the document came inline
     * @param binaryId the id of the contained Binary or DocumentReference in {@link #originalResource()} that
     *        carries the document inline; null when it is fetched from {@code url}
     */
    public record Attachment(String title, String contentType, String url, String binaryId) {
    }

    /** The booked first appointment. */
    public record Appointment(String clinic, LocalDateTime start, String location) {
    }
}
