package org.handover.adt;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.time.Instant;
import java.time.LocalDate;
import org.handover.adt.HospitalEvent.Kind;
import org.handover.encounter.DischargeFacts;
import org.handover.encounter.EncounterSetting;
import org.handover.fhir.FhirFormat;
import org.handover.fhir.FhirProblem;
import org.junit.jupiter.api.Test;

/** FHIR R4 Encounter to hospital events, without Spring. */
class EncounterMapperTest {

    private final EncounterMapper mapper = new EncounterMapper(FhirContext.forR4Cached());

    @Test
    void aFinishedInpatientEncounterIsADischargeWithItsFacts() {
        HospitalEvent event = read(Hl7Samples.sample("encounter-discharge.json"));
        assertThat(event.kind()).isEqualTo(Kind.DISCHARGE);
        assertThat(event.sender()).isEqualTo("fhir");
        assertThat(event.messageId()).isEqualTo("EP-SAMPLE-FHIR-0001|finished");
        assertThat(event.patient()).isEqualTo(new Patient("9990000034", "Alan", "Turing", LocalDate.of(1942, 6, 23),
                "3 Station Road, Stockport", "SK7 2CD", "+447700900789", "A81001", false));
        assertThat(event.stay().setting()).isEqualTo(EncounterSetting.INPATIENT);
        assertThat(event.stay().dischargedAt()).isEqualTo(Instant.parse("2026-12-03T11:30:00Z"));
        assertThat(event.stay().admittedAt()).isEqualTo(Instant.parse("2026-11-30T09:00:00Z"));
        assertThat(event.stay().ward()).isEqualTo("Ward 9");
        assertThat(event.stay().siteCode()).isEqualTo("RX1");
        assertThat(event.stay().consultant()).isEqualTo("Dr Grace Hopper");
        assertThat(event.facts()).isEqualTo(new DischargeFacts(true, true, null, null, null, null, null));
        assertThat(event.patientCopyRequested()).isTrue();
    }

    @Test
    void classAndStatusDecideTheEvent() {
        String sample = Hl7Samples.sample("encounter-discharge.json");
        assertThat(read(sample.replace("\"IMP\"", "\"EMER\"")).stay().setting())
                .isEqualTo(EncounterSetting.EMERGENCY_DEPARTMENT);
        assertThat(read(sample.replace("\"IMP\"", "\"AMB\"")).stay().setting()).isEqualTo(EncounterSetting.OUTPATIENT);
        assertThat(read(sample.replace("\"finished\"", "\"in-progress\"")).kind()).isEqualTo(Kind.ADMIT);
        assertThat(read(sample.replace("\"finished\"", "\"entered-in-error\"")).kind()).isEqualTo(Kind.CANCEL_DISCHARGE);
        assertThat(read(sample.replace("\"home\"", "\"exp\"")).stay().diedInHospital()).isTrue();
    }

    @Test
    void refusalsNameTheElement() {
        String sample = Hl7Samples.sample("encounter-discharge.json");
        FhirProblem wrongNumber = refused(sample.replace("9990000034", "9990000035"));
        assertThat(wrongNumber.status()).isEqualTo(422);
        assertThat(wrongNumber.reason()).isEqualTo("Encounter.subject.resolve().identifier: "
                + "NHS number 9990000035 fails the Modulus 11 check");
        FhirProblem noIdentifier = refused(sample.replace(
                "  \"identifier\": [ { \"system\": \"https://handover.example/fhir/Id/episode\", \"value\": \"EP-SAMPLE-FHIR-0001\" } ],\n",
                ""));
        assertThat(noIdentifier.status()).isEqualTo(400);
        assertThat(noIdentifier.reason()).startsWith("Encounter.identifier: The Encounter needs an identifier");
        FhirProblem noEnd = refused(sample.replace(", \"end\": \"2026-12-03T11:30:00Z\"", ""));
        assertThat(noEnd.reason()).isEqualTo("Encounter.period.end: A finished Encounter needs period.end: the "
                + "discharge date/time");
        FhirProblem unknownElement = refused(sample.replace("\"status\": \"finished\"",
                "\"status\": \"finished\", \"dischargedBy\": \"me\""));
        assertThat(unknownElement.status()).isEqualTo(400);
        assertThat(unknownElement.reason()).contains("dischargedBy");
        FhirProblem badFact = refused(sample.replace("\"valueBoolean\": true\n    },\n    {\n      \"resourceType\": "
                + "\"Observation\",\n      \"id\": \"lived-alone\"", "\"valueString\": \"perhaps\"\n    },\n    {\n"
                + "      \"resourceType\": \"Observation\",\n      \"id\": \"lived-alone\""));
        assertThat(badFact.reason()).contains("D2A-NEEDS-SUPPORT must be Y, N or UNK, not 'perhaps'");
    }

    private HospitalEvent read(String json) {
        return mapper.map(mapper.parse(json, FhirFormat.JSON));
    }

    private FhirProblem refused(String json) {
        try {
            read(json);
        } catch (FhirProblem problem) {
            return problem;
        }
        throw new AssertionError("not refused");
    }
}
