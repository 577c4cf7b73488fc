package org.handover.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.handover.encounter.EncounterSetting;
import org.handover.encounter.PatientDischarged;
import org.handover.transfer.EDischargeMessages.Kind;
import org.handover.transfer.EDischargeMessages.Request;
import org.hl7.fhir.dstu3.model.Bundle;
import org.hl7.fhir.dstu3.model.Composition;
import org.hl7.fhir.dstu3.model.Encounter;
import org.hl7.fhir.dstu3.model.MessageHeader;
import org.hl7.fhir.dstu3.model.Patient;
import org.junit.jupiter.api.Test;

/** Every kind of ITK3 message Handover builds passes HAPI's validator against the base STU3 specification. */
class EDischargeMessagesTest {

    static final FhirContext FHIR = FhirContext.forDstu3Cached();
    static final Stu3Validation VALIDATION = new Stu3Validation(FHIR);
    static final EDischargeMessages MESSAGES = new EDischargeMessages(FHIR, "Handover NHS Trust", "RX1", "RX1OT001",
            ZoneId.of("Europe/London"));
    static final Instant NOW = Instant.parse("2026-03-02T10:15:00Z");

    static final PatientDischarged DISCHARGE = new PatientDischarged("EP-1", "9990000018", "Ada", "Lovelace",
            LocalDate.of(1941, 3, 2), "1 High Street, Stockport", "SK7 1AB", "+447700900123", "A81001", "RX1",
            "Ward 7", "Geriatric medicine", NOW.minusSeconds(86_400 * 5), NOW.minusSeconds(3_600),
            EncounterSetting.INPATIENT, "Dr Grace Hopper", true, null);
    static final DischargeSummary SUMMARY = new DischargeSummary(List.of("Check U&Es in 1 week", "Review <b>BP</b>"),
            List.of("Community-acquired pneumonia"), List.of(), "Treated with IV then oral antibiotics.",
            List.of("Clarithromycin 500 mg BD - STARTED: 3 more days", "Ramipril 5 mg OD - STOPPED: AKI"),
            List.of("Penicillin: rash"), "Pneumonia leaflet; when to call 111.", true, "Dr Ann Smith, FY2", null);

    @Test
    void theSummaryIsAValidItk3MessageWithTheDocumentInside() {
        Bundle message = MESSAGES.build(new Request("11111111-1111-1111-1111-111111111111", Kind.SUMMARY, DISCHARGE,
                SUMMARY, null, null, NOW));

        assertThat(VALIDATION.errors(message)).isEmpty();
        MessageHeader header = (MessageHeader) message.getEntryFirstRep().getResource();
        assertThat(header.getEvent().getSystem()).isEqualTo("https://fhir.nhs.uk/STU3/CodeSystem/ITK-MessageEvent-2");
        assertThat(header.getEvent().getCode()).isEqualTo("ITK003D");
        assertThat(header.getIdElement().getIdPart()).isEqualTo("11111111-1111-1111-1111-111111111111");
        assertThat(header.getExtensionByUrl(EDischargeMessages.HANDLING_EXTENSION).getExtensionsByUrl("BusAckRequested"))
                .hasSize(1);
        Bundle document = (Bundle) message.getEntry().get(3).getResource();
        assertThat(document.getType()).isEqualTo(Bundle.BundleType.DOCUMENT);
        Composition composition = (Composition) document.getEntryFirstRep().getResource();
        assertThat(composition.getSection()).extracting(Composition.SectionComponent::getTitle).startsWith(
                "Plan and requested actions for the GP", "Diagnoses", "Clinical summary");
        assertThat(composition.getSectionFirstRep().getText().getDivAsString()).contains("Review &lt;b&gt;BP&lt;/b&gt;");
        Patient patient = (Patient) document.getEntry().get(1).getResource();
        assertThat(patient.getIdentifierFirstRep().getSystem()).isEqualTo("https://fhir.nhs.uk/Id/nhs-number");
        assertThat(patient.getIdentifierFirstRep().getValue()).isEqualTo("9990000018");
    }

    @Test
    void aPatientWhoDiedInHospitalIsReportedToTheGpAsDeceased() {
        PatientDischarged died = new PatientDischarged("EP-2", "9990000018", "Ada", "Lovelace",
                LocalDate.of(1941, 3, 2), "1 High Street, Stockport", "SK7 1AB", "+447700900123", "A81001", "RX1",
                "Ward 7", "Geriatric medicine", NOW.minusSeconds(86_400 * 5), NOW.minusSeconds(3_600),
                EncounterSetting.INPATIENT, "Dr Grace Hopper", true, null, true);
        Bundle message = MESSAGES.build(new Request("55555555-5555-5555-5555-555555555555", Kind.SUMMARY, died,
                SUMMARY, null, null, NOW));

        assertThat(VALIDATION.errors(message)).isEmpty();
        assertThat(died.patientCopyRequested()).as("no copy to a patient who died").isFalse();
        Bundle document = (Bundle) message.getEntry().get(3).getResource();
        Patient patient = (Patient) document.getEntry().get(1).getResource();
        assertThat(patient.getDeceasedBooleanType().booleanValue()).isTrue();
        Encounter encounter = document.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(Encounter.class::isInstance).map(Encounter.class::cast).findFirst().orElseThrow();
        assertThat(encounter.getHospitalization().getDischargeDisposition().getCodingFirstRep().getCode())
                .isEqualTo("exp");
        Composition composition = (Composition) document.getEntryFirstRep().getResource();
        assertThat(composition.getSection().stream().filter(s -> s.getTitle().equals("Admission and discharge details"))
                .findFirst().orElseThrow().getText().getDivAsString())
                .contains("Discharge method: the patient died in hospital");
        Bundle alive = MESSAGES.build(new Request("66666666-6666-6666-6666-666666666666", Kind.SUMMARY, DISCHARGE,
                SUMMARY, null, null, NOW));
        Patient living = (Patient) ((Bundle) alive.getEntry().get(3).getResource()).getEntry().get(1).getResource();
        assertThat(living.hasDeceased()).isFalse();
    }

    @Test
    void theResultsAddendumAndTheCancellationAreValidToo() {
        String summaryDocument = EDischargeMessages.documentId("11111111-1111-1111-1111-111111111111");
        Bundle addendum = MESSAGES.build(new Request("22222222-2222-2222-2222-222222222222", Kind.ADDENDUM, DISCHARGE,
                SUMMARY, summaryDocument, "Blood cultures: no growth at 5 days.", NOW));
        Bundle cancellation = MESSAGES.build(new Request("33333333-3333-3333-3333-333333333333", Kind.CANCELLATION,
                DISCHARGE, SUMMARY, summaryDocument, "A13: discharge entered in error", NOW));

        assertThat(VALIDATION.errors(addendum)).isEmpty();
        assertThat(VALIDATION.errors(cancellation)).isEmpty();
        Composition withdrawn = (Composition) ((Bundle) cancellation.getEntry().get(3).getResource())
                .getEntryFirstRep().getResource();
        assertThat(withdrawn.getStatus()).isEqualTo(Composition.CompositionStatus.ENTEREDINERROR);
        assertThat(withdrawn.getRelatesToFirstRep().getTargetIdentifier().getValue()).isEqualTo(summaryDocument);
    }

    @Test
    void aBrokenMessageIsReported() {
        Bundle message = MESSAGES.build(new Request("44444444-4444-4444-4444-444444444444", Kind.SUMMARY, DISCHARGE,
                SUMMARY, null, null, NOW));
        ((MessageHeader) message.getEntryFirstRep().getResource()).setSource(null);

        assertThat(VALIDATION.errors(message)).anySatisfy(error -> assertThat(error).contains("MessageHeader.source"));
    }
}
