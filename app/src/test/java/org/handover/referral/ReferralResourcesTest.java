package org.handover.referral;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.StrictErrorHandler;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.UUID;
import org.handover.fhir.FhirFormat;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A referral's current state as a ServiceRequest. */
class ReferralResourcesTest {

    static final FhirContext FHIR = FhirContext.forR4Cached();

    static ReferralRecord referral(String sample, String state) {
        NewReferral in = new ServiceRequestMapper().read(ServiceRequestMapperTest.sample(sample), FhirFormat.JSON);
        Instant now = Instant.parse("2026-03-02T10:20:00Z");
        return new ReferralRecord(UUID.fromString("6f1c2a34-9a4e-4b8e-9a51-5d2b7c1e0f01"), in.ubrn(), in.nhsNumber(),
                in.patientName(), in.patientBirthDate(), in.patientMobile(), in.patientAddress(), in.practiceOds(),
                in.referrerName(), in.specialtyCode(), in.specialtyDisplay(), in.gpPriority(), in.gpPriority(),
                in.reason(), in.clinicalInformation(), in.attachments(), state, null, null, null, null, null, 1, now, now,
                in.resourceJson());
    }

    @Test
    void aNewReferralAwaitsTriage() {
        ServiceRequest request = ReferralResources.toServiceRequest(referral("valid-routine-dermatology.json", "AWAITING_TRIAGE"));

        assertThat(request.getIdElement().getIdPart()).isEqualTo("6f1c2a34-9a4e-4b8e-9a51-5d2b7c1e0f01");
        assertThat(request.getMeta().getVersionId()).isEqualTo("1");
        assertThat(request.getStatus()).isEqualTo(ServiceRequestStatus.ACTIVE);
        Coding state = (Coding) request.getExtensionByUrl(ReferralResources.STATE_EXTENSION).getValue();
        assertThat(state.getSystem()).isEqualTo("https://fhir.nhs.uk/CodeSystem/eRS-ReferralState");
        assertThat(state.getCode()).isEqualTo("AWAITING_TRIAGE");
        assertThat(request.getExtensionByUrl(ReferralResources.TRIAGE_EXTENSION)).isNull();
        assertThat(request.getIdentifierFirstRep().getValue()).as("what the GP sent is kept").isEqualTo("100000000001");
        assertThat(request.getSubject().getResource()).isNotNull();
    }

    @Test
    void routedTriagedAndBookedShowsTeamPriorityOutcomeAndAppointment() {
        ReferralRecord booked = with(referral("valid-2ww-colorectal-red-flag.json", "BOOKED"), 5, ReferralPriority.TWO_WEEK_WAIT,
                "colorectal-triage", "Red flag: rectal bleeding", "accept", "Straight to test: colonoscopy",
                new ReferralRecord.Appointment("Colorectal 2WW clinic", LocalDateTime.of(2026, 3, 9, 9, 30),
                        "Outpatients B, Worcestershire Royal Hospital"));

        ServiceRequest request = roundTrip(ReferralResources.toServiceRequest(booked));

        assertThat(request.getMeta().getVersionId()).isEqualTo("5");
        assertThat(request.getStatus()).isEqualTo(ServiceRequestStatus.ACTIVE);
        assertThat(request.getPriority()).isEqualTo(ServiceRequest.ServiceRequestPriority.ASAP);
        assertThat(((Coding) request.getExtensionByUrl(ReferralResources.STATE_EXTENSION).getValue()).getCode())
                .isEqualTo("BOOKED");
        Extension triage = request.getExtensionByUrl(ReferralResources.TRIAGE_EXTENSION);
        assertThat(((Coding) triage.getExtensionByUrl("outcome").getValue()).getCode()).isEqualTo("accept");
        assertThat(triage.getExtensionByUrl("comment").getValue().primitiveValue()).isEqualTo("Straight to test: colonoscopy");
        assertThat(request.getExtensionByUrl(ReferralResources.ROUTING_EXTENSION).getValue().primitiveValue())
                .isEqualTo("Red flag: rectal bleeding");
        assertThat(request.getPerformerFirstRep().getIdentifier().getValue()).isEqualTo("colorectal-triage");
        Reference link = (Reference) request.getExtensionByUrl(ReferralResources.APPOINTMENT_EXTENSION).getValue();
        assertThat(link.getReference()).isEqualTo("#appointment");
        Appointment appointment = (Appointment) link.getResource();
        assertThat(appointment.getStatus()).isEqualTo(Appointment.AppointmentStatus.BOOKED);
        assertThat(appointment.getStart()).isEqualTo(Instant.parse("2026-03-09T09:30:00Z"));
        assertThat(appointment.getDescription()).isEqualTo("Colorectal 2WW clinic");
        assertThat(appointment.getParticipantFirstRep().getActor().getDisplay())
                .isEqualTo("Outpatients B, Worcestershire Royal Hospital");
    }

    @Test
    void aLoweredTwoWeekWaitDropsTheGpsTwoWeekWaitCategory() {
        ReferralRecord referral = referral("valid-routine-dermatology.json", "NOT_BOOKED");
        String withCategory = referral.originalResource()
                .replaceFirst("\"code\"\\s*:\\s*\"3457005\"", "\"code\":\"2WW\"");
        ReferralRecord lowered = new ReferralRecord(referral.id(), referral.ubrn(), referral.nhsNumber(),
                referral.patientName(), referral.patientBirthDate(), referral.patientMobile(), referral.patientAddress(),
                referral.practiceOds(), referral.referrerName(), referral.specialtyCode(), referral.specialtyDisplay(),
                ReferralPriority.TWO_WEEK_WAIT, ReferralPriority.URGENT, referral.reason(), referral.clinicalInformation(),
                referral.attachments(), "NOT_BOOKED", null, null, "accept", "Not suspicious; urgent is right", null, 3,
                referral.created(), referral.updated(), withCategory);

        ServiceRequest request = ReferralResources.toServiceRequest(lowered);

        assertThat(request.getPriority()).isEqualTo(ServiceRequest.ServiceRequestPriority.URGENT);
        assertThat(request.getCategory()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"AWAITING_TRIAGE,ACTIVE", "NOT_BOOKED,ACTIVE", "BOOKED,ACTIVE",
            "REFERRER_TO_SUBMIT_FURTHER_INFORMATION,ACTIVE", "TRIAGE_RESPONSE,COMPLETED", "ENDED_CLOSED,COMPLETED",
            "REJECTED,REVOKED", "ENDED_CANCELLED,REVOKED"})
    void statusFollowsTheReferralState(String state, ServiceRequestStatus status) {
        assertThat(ReferralResources.status(state)).isEqualTo(status);
    }

    @Test
    void theAnswerIsStrictlyValidJsonAndXml() {
        ReferralRecord booked = with(referral("valid-routine-dermatology.json", "BOOKED"), 4, ReferralPriority.ROUTINE,
                "dermatology-triage", "Specialty DERMATOLOGY", "accept", "Psoriasis clinic",
                new ReferralRecord.Appointment("Dermatology", LocalDateTime.of(2026, 7, 1, 14, 0), "Clinic 3"));
        ServiceRequest request = ReferralResources.toServiceRequest(booked);
        String xml = FHIR.newXmlParser().encodeResourceToString(request);
        ServiceRequest fromXml = FHIR.newXmlParser().setParserErrorHandler(new StrictErrorHandler())
                .parseResource(ServiceRequest.class, xml);
        assertThat(fromXml.getContained()).extracting(r -> r.fhirType()).contains("Appointment", "Patient");
        roundTrip(request);
    }

    static ServiceRequest roundTrip(ServiceRequest request) {
        String json = FHIR.newJsonParser().encodeResourceToString(request);
        return FHIR.newJsonParser().setParserErrorHandler(new StrictErrorHandler()).parseResource(ServiceRequest.class, json);
    }

    static ReferralRecord with(ReferralRecord r, int version, ReferralPriority priority, String team, String routing,
            String outcome, String comment, ReferralRecord.Appointment appointment) {
        return new ReferralRecord(r.id(), r.ubrn(), r.nhsNumber(), r.patientName(), r.patientBirthDate(), r.patientMobile(),
                r.patientAddress(), r.practiceOds(), r.referrerName(), r.specialtyCode(), r.specialtyDisplay(),
                r.gpPriority(), priority, r.reason(), r.clinicalInformation(), r.attachments(), r.state(), team, routing,
                outcome, comment, appointment, version, r.created(), r.updated(), r.originalResource());
    }
}
