package org.handover.referral;

import ca.uhn.fhir.context.FhirContext;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.StringType;

/**
 * The current state of a referral as a FHIR R4 ServiceRequest: what the referrer last submitted, with Handover's
 * status, e-RS referral state, priority, triage team, triage outcome and appointment laid over it. Conventions and
 * extension URLs are described in {@code package-info}.
 */
public final class ReferralResources {

    public static final String PATH = "/fhir/r4/ServiceRequest";

    /** e-RS referral states. */
    public static final String STATE_SYSTEM = "https://fhir.nhs.uk/CodeSystem/eRS-ReferralState";
    /** Handover's own definitions (extensions, code systems, identifier systems). */
    public static final String HANDOVER_BASE = "https://handover.example/fhir/";
    /** valueCoding from {@link #STATE_SYSTEM}. */
    public static final String STATE_EXTENSION = HANDOVER_BASE + "StructureDefinition/Extension-Handover-ReferralState";
    /** Complex: {@code outcome} (valueCoding from {@link #TRIAGE_OUTCOME_SYSTEM}) and {@code comment} (valueString). */
    public static final String TRIAGE_EXTENSION = HANDOVER_BASE + "StructureDefinition/Extension-Handover-TriageOutcome";
    public static final String TRIAGE_OUTCOME_SYSTEM = HANDOVER_BASE + "CodeSystem/triage-outcome";
    /** valueReference to the contained Appointment {@code #appointment}, once booked. */
    public static final String APPOINTMENT_EXTENSION = HANDOVER_BASE + "StructureDefinition/Extension-Handover-Appointment";
    /** valueString: why the rules sent the referral to its triage team. */
    public static final String ROUTING_EXTENSION = HANDOVER_BASE + "StructureDefinition/Extension-Handover-RoutingReason";
    /** Identifier system of triage teams (Camunda candidate groups) in {@code performer}. */
    public static final String TRIAGE_TEAM_SYSTEM = HANDOVER_BASE + "Id/triage-team";

    private static final List<String> OWN_EXTENSIONS = List.of(STATE_EXTENSION, TRIAGE_EXTENSION, APPOINTMENT_EXTENSION,
            ROUTING_EXTENSION);
    private static final Map<String, String> STATE_DISPLAY = Map.of(
            "AWAITING_TRIAGE", "Awaiting triage",
            "TRIAGE_RESPONSE", "Triage response (returned to referrer with advice)",
            "NOT_BOOKED", "Accepted, not booked",
            "BOOKED", "Booked",
            "REJECTED", "Rejected",
            "PROVIDER_RESPONSE_REQUIRED", "Provider response required",
            "REFERRER_TO_SUBMIT_FURTHER_INFORMATION", "Referrer to submit further information",
            "ENDED_CANCELLED", "Cancelled",
            "ENDED_CLOSED", "Closed",
            "ADVICE_CONVERTED", "Advice converted to referral");
    private static final Map<String, String> OUTCOME_DISPLAY = Map.of(
            "accept", "Accept, book later",
            "return", "Return to referrer with advice",
            "redirect", "Redirect to another service",
            "request-information", "Request further information");
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private ReferralResources() {
    }

    /** The referral now, as a ServiceRequest with {@code meta.versionId} = the ETag's version. */
    public static ServiceRequest toServiceRequest(ReferralRecord referral) {
        FhirContext context = FhirContext.forR4Cached();
        ServiceRequest request = context.newJsonParser().parseResource(ServiceRequest.class, referral.originalResource());
        request.setId(referral.id().toString());
        request.getMeta().setVersionId(Integer.toString(referral.version()));
        request.getMeta().setLastUpdated(Date.from(referral.updated()));
        request.setText(null); // the sender's narrative may no longer be true
        request.setStatus(status(referral.state()));
        request.setPriority(ServiceRequest.ServiceRequestPriority.fromCode(referral.priority().fhirCode()));
        if (referral.priority() != ReferralPriority.TWO_WEEK_WAIT) {
            // a consultant lowered a two-week wait: the GP's 2WW category must not contradict the priority
            request.getCategory().forEach(category -> category.getCoding()
                    .removeIf(coding -> ReferralPriority.isTwoWeekWaitMarker(coding.getCode())));
            request.getCategory().removeIf(category -> category.getCoding().isEmpty() && !category.hasText());
        }
        request.getExtension().removeIf(extension -> OWN_EXTENSIONS.contains(extension.getUrl()));
        request.addExtension(STATE_EXTENSION, new Coding(STATE_SYSTEM, referral.state(),
                STATE_DISPLAY.getOrDefault(referral.state(), referral.state())));
        if (referral.routingReason() != null) {
            request.addExtension(ROUTING_EXTENSION, new StringType(referral.routingReason()));
        }
        if (referral.triageOutcome() != null) {
            Extension triage = request.addExtension().setUrl(TRIAGE_EXTENSION);
            triage.addExtension("outcome", new Coding(TRIAGE_OUTCOME_SYSTEM, referral.triageOutcome(),
                    OUTCOME_DISPLAY.getOrDefault(referral.triageOutcome(), referral.triageOutcome())));
            if (referral.triageComment() != null) {
                triage.addExtension("comment", new StringType(referral.triageComment()));
            }
        }
        if (referral.triageTeam() != null) {
            request.getPerformer().clear();
            request.addPerformer(new Reference().setType("CareTeam")
                    .setIdentifier(new Identifier().setSystem(TRIAGE_TEAM_SYSTEM).setValue(referral.triageTeam()))
                    .setDisplay(referral.triageTeam()));
        }
        request.getContained().removeIf(resource -> resource instanceof Appointment
                && "appointment".equals(resource.getIdElement().getIdPart()));
        if (referral.appointment() != null) {
            Appointment appointment = appointment(referral.appointment());
            request.addContained(appointment);
            request.addExtension(APPOINTMENT_EXTENSION, new Reference("#appointment"));
        }
        return request;
    }

    /**
     * FHIR status from the e-RS state: revoked when the provider rejected or the referral was cancelled; completed when
     * the provider's part is done (returned to the referrer with advice, closed, advice converted); active otherwise
     * (awaiting triage or information, accepted, booked).
     */
    static ServiceRequest.ServiceRequestStatus status(String state) {
        return switch (state) {
            case "REJECTED", "ENDED_CANCELLED" -> ServiceRequest.ServiceRequestStatus.REVOKED;
            case "TRIAGE_RESPONSE", "ENDED_CLOSED", "ADVICE_CONVERTED" -> ServiceRequest.ServiceRequestStatus.COMPLETED;
            default -> ServiceRequest.ServiceRequestStatus.ACTIVE;
        };
    }

    private static Appointment appointment(ReferralRecord.Appointment booked) {
        Appointment appointment = new Appointment();
        appointment.setId("appointment");
        appointment.setStatus(Appointment.AppointmentStatus.BOOKED);
        if (booked.clinic() != null) {
            appointment.addServiceType(new CodeableConcept().setText(booked.clinic()));
            appointment.setDescription(booked.clinic());
        }
        if (booked.start() != null) {
            appointment.setStart(Date.from(booked.start().atZone(LONDON).toInstant()));
        }
        appointment.addParticipant()
                .setActor(new Reference().setType("Location").setDisplay(booked.location() == null ? "To be confirmed" : booked.location()))
                .setStatus(Appointment.ParticipationStatus.ACCEPTED);
        appointment.addBasedOn(new Reference("#"));
        return appointment;
    }

    /** A searchset Bundle of the referrals found. */
    static Bundle searchset(List<ReferralRecord> referrals, String baseUrl) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        bundle.setTotal(referrals.size());
        for (ReferralRecord referral : referrals) {
            bundle.addEntry()
                    .setFullUrl(baseUrl + referral.resourcePath())
                    .setResource(toServiceRequest(referral))
                    .getSearch().setMode(Bundle.SearchEntryMode.MATCH);
        }
        return bundle;
    }

}
