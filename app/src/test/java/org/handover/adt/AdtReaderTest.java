package org.handover.adt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.handover.adt.HospitalEvent.Kind;
import org.handover.encounter.DischargeFacts;
import org.handover.encounter.EncounterEnded;
import org.handover.encounter.EncounterSetting;
import org.handover.encounter.Mobility;
import org.handover.encounter.PatientDischarged;
import org.junit.jupiter.api.Test;

/** HL7 v2 ADT to hospital events and contract events, without Spring: the mapping and every refusal's wording. */
class AdtReaderTest {

    private final AdtReader reader = new AdtReader(ZoneId.of("Europe/London"));

    @Test
    void anAdmissionOpensTheEpisodeWithItsExpectedDischargeDate() {
        HospitalEvent event = reader.read(Hl7Samples.sample("a01-admit.hl7"));
        assertThat(event.kind()).isEqualTo(Kind.ADMIT);
        assertThat(event.sender()).isEqualTo("PAS^RX1");
        assertThat(event.messageId()).isEqualTo("SAMPLE-A01-0001");
        assertThat(event.patient()).isEqualTo(new Patient("9990000018", "Ada", "Lovelace", LocalDate.of(1941, 3, 2),
                "1 High Street, Stockport", "SK7 1AB", "+447700900123", "A81001", false));
        assertThat(event.stay().episodeId()).isEqualTo("EP-SAMPLE-0001");
        assertThat(event.stay().setting()).isEqualTo(EncounterSetting.INPATIENT);
        assertThat(event.stay().admittedAt()).isEqualTo(Instant.parse("2026-11-28T10:30:00Z"));
        assertThat(event.stay().expectedDischargeDate()).isEqualTo(LocalDate.of(2026, 12, 4));
        assertThat(event.stay().consultant()).isEqualTo("Dr Grace Hopper");
        assertThat(event.stay().ward()).isEqualTo("Ward 7");
        assertThat(event.stay().siteCode()).isEqualTo("RX1");
        assertThat(event.facts()).isEqualTo(DischargeFacts.unknown());
        assertThat(event.patientCopyRequested()).isNull();
    }

    @Test
    void aDischargeCarriesTheDischargeToAssessFactsFromObx() {
        HospitalEvent event = reader.read(Hl7Samples.sample("a03-discharge-pathway1.hl7"));
        assertThat(event.kind()).isEqualTo(Kind.DISCHARGE);
        assertThat(event.stay().dischargedAt()).isEqualTo(Instant.parse("2026-12-03T10:00:00Z"));
        assertThat(event.stay().diedInHospital()).isFalse();
        assertThat(event.facts()).isEqualTo(new DischargeFacts(true, true, false, Mobility.WITH_AID, false, false, true));
        assertThat(event.clinicalCodes()).containsExactly("I63.9");

        Episode episode = new Episode("EP-SAMPLE-0001", Episode.Status.DISCHARGED, event.patient(), event.stay());
        PatientDischarged discharged = EncounterEvents.discharged(episode, event.facts(), event.patientCopyRequested());
        assertThat(discharged.episodeId()).isEqualTo("EP-SAMPLE-0001");
        assertThat(discharged.consultant()).isEqualTo("Dr Grace Hopper");
        assertThat(discharged.setting()).isEqualTo(EncounterSetting.INPATIENT);
        assertThat(discharged.patientCopyRequested()).isFalse();
        assertThat(discharged.postcode()).isEqualTo("SK7 1AB");
        assertThat(discharged.gpPracticeOds()).isEqualTo("A81001");
        EncounterEnded ended = EncounterEvents.ended(episode, event.clinicalCodes());
        assertThat(ended.encounterId()).isEqualTo("EP-SAMPLE-0001");
        assertThat(ended.mobile()).isEqualTo("+447700900123");
        assertThat(ended.endedAt()).isEqualTo(Instant.parse("2026-12-03T10:00:00Z"));
    }

    @Test
    void missingObservationsAreUnknownNeverNo() {
        HospitalEvent event = reader.read(Hl7Samples.sample("a03-discharge-patient-copy.hl7"));
        assertThat(event.patientCopyRequested()).isTrue();
        assertThat(event.facts()).isEqualTo(DischargeFacts.unknown());
        String unknown = Hl7Samples.withField(Hl7Samples.sample("a03-discharge-patient-copy.hl7"), "OBX", 5, "UNK");
        assertThat(reader.read(unknown).patientCopyRequested()).isNull();
    }

    @Test
    void patientClassDecidesTheSetting() {
        assertThat(AdtReader.setting("E", null, null)).isEqualTo(EncounterSetting.EMERGENCY_DEPARTMENT);
        assertThat(AdtReader.setting("O", null, null)).isEqualTo(EncounterSetting.OUTPATIENT);
        assertThat(AdtReader.setting("I", null, "501")).isEqualTo(EncounterSetting.MATERNITY);
        assertThat(AdtReader.setting("B", null, null)).isEqualTo(EncounterSetting.MATERNITY);
        assertThat(AdtReader.setting("I", "DC", "100")).isEqualTo(EncounterSetting.DAY_CASE);
        assertThat(AdtReader.setting("D", null, null)).isEqualTo(EncounterSetting.DAY_CASE);
        assertThat(AdtReader.setting("I", "EL", "430")).isEqualTo(EncounterSetting.INPATIENT);
        assertThatThrownBy(() -> AdtReader.setting("X", null, null)).hasMessage(
                "PV1-2: patient class 'X' is not one Handover takes (I, D, R, B, E, O)");
    }

    @Test
    void deathComesFromTheDischargeDispositionOrPid30() {
        String a03 = Hl7Samples.sample("a03-discharge-patient-copy.hl7");
        assertThat(reader.read(Hl7Samples.withField(a03, "PV1", 36, "20")).stay().diedInHospital()).isTrue();
        assertThat(reader.read(Hl7Samples.withField(a03, "PID", 30, "Y")).stay().diedInHospital()).isTrue();
        assertThat(reader.read(a03).stay().diedInHospital()).isFalse();
    }

    @Test
    void refusalsNameTheFieldAtFault() {
        assertRefused(Hl7Samples.sample("bad-check-digit.hl7"), false, 102,
                "PID-3: NHS number 9434765918 fails the Modulus 11 check");
        assertRefused(Hl7Samples.sample("missing-pid3.hl7"), false, 101, "PID-3: no NHS number: send it as a PID-3 "
                + "repetition with identifier type NH (CX-5) or assigning authority NHS (CX-4)");
        String a03 = Hl7Samples.sample("a03-discharge-patient-copy.hl7");
        assertRefused(Hl7Samples.withField(a03, "PV1", 19, ""), false, 101,
                "PV1-19: visit number (the episode id) is missing");
        assertRefused(Hl7Samples.withField(a03, "MSH", 9, "ADT^A99^ADT_A01"), true, 201,
                "MSH-9.2: event A99 is not handled; Handover takes ADT A01, A03, A08, A11 and A13");
        assertRefused(Hl7Samples.withField(a03, "MSH", 9, "ORU^R01^ORU_R01"), true, 200,
                "MSH-9: message type 'ORU' is not taken here; send ADT");
        assertRefused(Hl7Samples.withField(a03, "MSH", 10, ""), true, 101, "MSH-10: message control id is missing");
        assertRefused(Hl7Samples.withField(a03, "PV1", 45, "2026-12-03"), false, 102,
                "PV1-45: '2026-12-03' is not an HL7 date/time (YYYYMMDD[HHMM[SS]][+/-ZZZZ])");
        assertRefused(Hl7Samples.withField(a03, "PV1", 45, "20261101"), false, 102,
                "PV1-45: discharge date/time 20261101 is before the admission PV1-44 20261201080000");
        assertRefused(Hl7Samples.withField(a03, "OBX", 5, "maybe"), false, 103,
                "OBX-5: PATIENT-COPY must be Y, N or UNK, not 'maybe'");
        assertRefused("this is not HL7", true, 100,
                "MSH: the message does not start with an MSH segment: not HL7 v2 pipe-encoded");
    }

    @Test
    void acknowledgementsCarryTheErrorSegment() {
        Acknowledgements acks = new Acknowledgements(java.time.Clock.systemUTC(), ZoneId.of("Europe/London"),
                "HANDOVER", "RX1");
        String message = Hl7Samples.sample("bad-check-digit.hl7");
        RefusedEvent refusal = refusal(message);
        String ack = acks.refused(MshHeader.read(message), refusal);
        String[] segments = ack.split("\r");
        assertThat(segments[0]).startsWith("MSH|^~\\&|HANDOVER|RX1|PAS|RX1|").contains("|ACK^A03^ACK|").endsWith("|P|2.5");
        assertThat(segments[1]).isEqualTo("MSA|AE|SAMPLE-BAD-0001|PID-3: NHS number 9434765918 fails the Modulus 11 check");
        assertThat(segments[2]).isEqualTo("ERR||PID^1^3|102^Data type error^HL70357|E||||"
                + "PID-3: NHS number 9434765918 fails the Modulus 11 check");
        assertThat(acks.accepted(null, "x")).contains("MSA|AA||x");
    }

    @Test
    void acknowledgementsAreWrittenWithTheSendersDelimitersAndEndSegmentsWithCr() {
        Acknowledgements acks = new Acknowledgements(java.time.Clock.systemUTC(), ZoneId.of("Europe/London"),
                "HANDOVER", "RX1");
        String sent = Hl7Samples.sample("bad-check-digit.hl7").replace('|', '#').replace('^', '$');
        RefusedEvent refusal = RefusedEvent.error(RefusedEvent.ErrorCode.DATA_TYPE_ERROR, "PID-3",
                "sent '943#476$5918' where an NHS number goes");
        String ack = acks.refused(MshHeader.read(sent), refusal);
        assertThat(ack).doesNotContain("\n").endsWith("\r");
        String[] segments = ack.split("\r");
        assertThat(segments[0]).startsWith("MSH#$~\\&#HANDOVER#RX1#PAS#RX1#").contains("#ACK$A03$ACK#")
                .endsWith("#P#2.5");
        assertThat(segments[1]).isEqualTo("MSA#AE#SAMPLE-BAD-0001#PID-3: sent '943\\F\\476\\S\\5918' where an NHS "
                + "number goes");
        assertThat(segments[2]).isEqualTo("ERR##PID$1$3#102$Data type error$HL70357#E####PID-3: sent "
                + "'943\\F\\476\\S\\5918' where an NHS number goes");

        String repeated = "MSH|^^\\&|PAS|RX1|HANDOVER|RX1|20261203101500||ADT^A01^ADT_A01|X|P|2.5\r";
        assertThat(acks.accepted(MshHeader.read(repeated), "ok")).as("unusable MSH-2: the standard delimiters")
                .startsWith("MSH|^~\\&|HANDOVER|").contains("\rMSA|AA|X|ok\r");
    }

    @Test
    void segmentsOutOfOrderAreRefusedNamingTheSegmentAndTheOrderToSend() {
        String sorted = Hl7Samples.reordered(Hl7Samples.sample("a01-admit.hl7"), "MSH", "PV1", "PD1", "PID", "EVN", "PV2");
        assertRefused(sorted, false, 100, "PV1: segment PV1 is out of order: PD1, PID, EVN must come before it in "
                + "ADT_A01; send MSH, EVN, PID, PD1, PV1, PV2 in that order");
        String dischargeWithEvnLast = Hl7Samples.reordered(Hl7Samples.sample("a03-discharge-pathway1.hl7"),
                "MSH", "PID", "PD1", "PV1", "DG1", "OBX", "EVN");
        assertThat(refusal(dischargeWithEvnLast).getMessage()).startsWith("PID: segment PID is out of order: EVN must "
                + "come before it in ADT_A03");
        assertThat(Acknowledgements.location("PV1")).isEqualTo("PV1^1");
    }

    @Test
    void aSegmentTheStructureDoesNotHaveOrASecondPatientIsRefused() {
        String admission = Hl7Samples.sample("a01-admit.hl7");
        assertRefused(admission + "ORC|NW|1\r", false, 100,
                "ORC: segment ORC is not part of ADT_A01 (HL7 v2.5); leave it out or send it as a Z-segment");
        String pid = admission.lines().filter(line -> line.startsWith("PID|")).findFirst().orElseThrow();
        String twoPatients = admission.replace("PV2|", pid.replace("9990000018", "9990000026") + "\rPV2|");
        assertThat(refusal(twoPatients).field()).isEqualTo("PID");
    }

    @Test
    void zSegmentsAndTheSamplesAsTheyArePass() {
        assertThat(reader.read(Hl7Samples.sample("a01-admit.hl7") + "ZU1|local|extension\r").kind())
                .isEqualTo(Kind.ADMIT);
        for (String sample : new String[] {"a03-discharge-pathway1.hl7", "a03-discharge-patient-copy.hl7",
                "a13-cancel-discharge.hl7"}) {
            assertThat(reader.read(Hl7Samples.sample(sample)).stay().episodeId()).isNotNull();
        }
    }

    private void assertRefused(String message, boolean reject, int code, String text) {
        RefusedEvent refusal = refusal(message);
        assertThat(refusal.getMessage()).isEqualTo(text);
        assertThat(refusal.reject()).as("AR rather than AE").isEqualTo(reject);
        assertThat(refusal.code().value()).isEqualTo(code);
    }

    private RefusedEvent refusal(String message) {
        try {
            reader.read(message);
        } catch (RefusedEvent refusal) {
            return refusal;
        }
        throw new AssertionError("not refused");
    }
}
