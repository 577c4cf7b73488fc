package org.handover.adt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.handover.HandoverApplication;
import org.handover.support.Http;
import org.handover.support.SandboxEnvironment;
import org.hl7.fhir.r4.model.Encounter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Hospital events from end to end: HL7 v2 ADT sent over a real MLLP socket, the acknowledgement read back, the
 * episode and the raw message in the database, and what the listening modules did (Discharge to Assess through the
 * Camunda REST API, the Friends and Family Test conversation). Run on H2 and on PostgreSQL.
 */
@SpringBootTest(classes = HandoverApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {"handover.adt.dispatch.max-attempts=2", "handover.adt.dispatch.first-retry-delay=200ms"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AdtScenarios {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    abstract SandboxEnvironment environment();

    @Autowired
    JdbcTemplate jdbc;

    private MllpConnection pas;

    @BeforeAll
    void connect() {
        pas = new MllpConnection("127.0.0.1", environment().mllpPort());
    }

    @AfterAll
    void disconnect() {
        pas.close();
    }

    @Test
    void aPathwayOnePatientAdmittedAndDischargedOverMllpGetsDischargeToAssessAndFft() {
        String a01 = pas.send(Hl7Samples.sample("a01-admit.hl7"));
        assertThat(MllpConnection.code(a01)).as(a01).isEqualTo("AA");
        assertThat(MllpConnection.segment(a01, "MSA")).startsWith("MSA|AA|SAMPLE-A01-0001|admitted");
        assertThat(episode("EP-SAMPLE-0001")).containsEntry("STATUS", "ADMITTED");

        String a03 = pas.send(Hl7Samples.sample("a03-discharge-pathway1.hl7"));
        assertThat(MllpConnection.code(a03)).as(a03).isEqualTo("AA");
        assertThat(MllpConnection.segment(a03, "MSA"))
                .contains("PatientDischarged and EncounterEnded published");
        Map<String, Object> stored = episode("EP-SAMPLE-0001");
        assertThat(stored).containsEntry("STATUS", "DISCHARGED").containsEntry("SETTING", "INPATIENT")
                .containsEntry("NHS_NUMBER", "9990000018").containsEntry("CONSULTANT", "Dr Grace Hopper");
        assertThat(jdbc.queryForObject("select payload from hospital_event where message_id = 'SAMPLE-A03-0001'",
                String.class)).contains("D2A-LIVED-ALONE");

        // Discharge to Assess proposes pathway 1 to the coordinator, committed with the discharge
        Http coordinator = as("dischargecoordinator");
        JsonNode task = coordinator.awaitOneTask("EP-SAMPLE-0001", "UserTask_ConfirmPathway");
        JsonNode variables = coordinator.getJson("/engine-rest/task/" + task.path("id").asText() + "/variables");
        assertThat(variables.path("proposedPathway").path("value").asText()).isEqualTo("1");
        assertThat(variables.path("councilCode").path("value").asText()).isEqualTo("LA-STOCKPORT");

        // The Friends and Family Test has the encounter
        await().atMost(PATIENCE).until(() -> jdbc.queryForList(
                "select state from fft_conversation where encounter_id = 'EP-SAMPLE-0001'", String.class),
                states -> states.size() == 1);

        // A13: the discharge is cancelled, Discharge to Assess is withdrawn
        String a13 = pas.send(Hl7Samples.sample("a13-cancel-discharge.hl7"));
        assertThat(MllpConnection.code(a13)).as(a13).isEqualTo("AA");
        assertThat(MllpConnection.segment(a13, "MSA")).contains("DischargeCancelled published");
        assertThat(episode("EP-SAMPLE-0001")).containsEntry("STATUS", "ADMITTED");
        await().atMost(PATIENCE).until(() -> as("admin").get(
                "/engine-rest/task?processInstanceBusinessKey=EP-SAMPLE-0001").body(), "[]"::equals);
        JsonNode history = as("admin").getJson(
                "/engine-rest/history/process-instance?processInstanceBusinessKey=EP-SAMPLE-0001");
        assertThat(history.get(0).path("state").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void aRepeatedMessageIsAcknowledgedWithoutASecondDischarge() {
        String message = Hl7Samples.sample("a03-discharge-patient-copy.hl7", "DUP-" + UUID.randomUUID(), "EP-DUP-0001");
        String first = pas.send(message);
        assertThat(MllpConnection.code(first)).as(first).isEqualTo("AA");
        String again = pas.send(message);
        assertThat(MllpConnection.code(again)).as(again).isEqualTo("AA");
        assertThat(MllpConnection.segment(again, "MSA")).contains("duplicate");
        assertThat(jdbc.queryForObject("select count(*) from hospital_event where episode_id = 'EP-DUP-0001'",
                Integer.class)).isEqualTo(1);
        as("dischargecoordinator").awaitOneTask("EP-DUP-0001", "UserTask_ConfirmPathway");
        assertThat(as("admin").getJson("/engine-rest/history/process-instance?processDefinitionKey=DischargeToAssess"
                + "&processInstanceBusinessKey=EP-DUP-0001"))
                .hasSize(1);
    }

    @Test
    void aWrongCheckDigitIsRefusedWithTheFieldNamedAndQuarantined() {
        String ack = pas.send(Hl7Samples.sample("bad-check-digit.hl7"));
        assertThat(MllpConnection.code(ack)).isEqualTo("AE");
        assertThat(MllpConnection.segment(ack, "ERR")).isEqualTo("ERR||PID^1^3|102^Data type error^HL70357|E||||"
                + "PID-3: NHS number 9434765918 fails the Modulus 11 check");
        assertThat(episodeCount("EP-SAMPLE-0003")).isZero();
        assertThat(quarantined("SAMPLE-BAD-0001")).contains("PID-3: NHS number 9434765918 fails the Modulus 11 check");
    }

    @Test
    void aMissingNhsNumberIsRefused() {
        String ack = pas.send(Hl7Samples.sample("missing-pid3.hl7"));
        assertThat(MllpConnection.code(ack)).isEqualTo("AE");
        assertThat(MllpConnection.segment(ack, "ERR")).startsWith("ERR||PID^1^3|101^Required field missing^HL70357|E||||"
                + "PID-3: no NHS number");
        assertThat(episodeCount("EP-SAMPLE-0004")).isZero();
        assertThat(quarantined("SAMPLE-BAD-0002")).startsWith("PID-3: no NHS number");
    }

    @Test
    void anAdmissionWithItsSegmentsOutOfOrderIsRefusedNamingTheSegmentAndQuarantined() {
        String controlId = "ORDER-" + UUID.randomUUID();
        String admission = Hl7Samples.sample("a01-admit.hl7", controlId, "EP-ORDER-0001");
        String ack = pas.send(Hl7Samples.reordered(admission, "MSH", "PV1", "PD1", "PID", "EVN", "PV2"));
        assertThat(MllpConnection.code(ack)).as(ack).isEqualTo("AE");
        assertThat(MllpConnection.segment(ack, "ERR")).isEqualTo("ERR||PV1^1|100^Segment sequence error^HL70357|E||||"
                + "PV1: segment PV1 is out of order: PD1, PID, EVN must come before it in ADT_A01; send MSH, EVN, PID, "
                + "PD1, PV1, PV2 in that order");
        assertThat(episodeCount("EP-ORDER-0001")).isZero();
        assertThat(quarantined(controlId)).startsWith("PV1: segment PV1 is out of order");

        String inOrder = pas.send(admission);
        assertThat(MllpConnection.code(inOrder)).as(inOrder).isEqualTo("AA");
        assertThat(episodeCount("EP-ORDER-0001")).isEqualTo(1);
    }

    @Test
    void anUnknownEventIsRejected() {
        String message = Hl7Samples.withField(Hl7Samples.sample("a01-admit.hl7", "A04-" + UUID.randomUUID(), "EP-A04"),
                "MSH", 9, "ADT^A04^ADT_A01");
        String ack = pas.send(message);
        assertThat(MllpConnection.code(ack)).isEqualTo("AR");
        assertThat(MllpConnection.segment(ack, "MSH")).contains("|ACK^A04^ACK|");
        assertThat(MllpConnection.segment(ack, "ERR")).isEqualTo("ERR||MSH^1^9^1^2|201^Unsupported event code^HL70357|E||||"
                + "MSH-9.2: event A04 is not handled; Handover takes ADT A01, A03, A08, A11 and A13");
    }

    @Test
    void aNameThatIsNotUtf8IsRefusedNamingTheFieldAndQuarantinedByteForByteInsteadOfAsReplacementCharacters() {
        String controlId = "UTF8-" + UUID.randomUUID();
        String admission = Hl7Samples.sample("a01-admit.hl7", controlId, "EP-UTF8-0001");
        int pid5 = admission.indexOf("||", admission.indexOf("PID|1||") + 7) + 2;
        byte[] head = admission.substring(0, pid5).getBytes(StandardCharsets.UTF_8);
        byte[] tail = admission.substring(pid5).getBytes(StandardCharsets.UTF_8);
        // what fault 5 sent (MalformedInputs HL7_INVALID_UTF8): a Latin-1 e-acute and a lone continuation byte
        byte[] bad = {(byte) 0xE9, (byte) 0x80};
        byte[] message = new byte[head.length + bad.length + tail.length];
        System.arraycopy(head, 0, message, 0, head.length);
        System.arraycopy(bad, 0, message, head.length, bad.length);
        System.arraycopy(tail, 0, message, head.length + bad.length, tail.length);

        String ack = pas.sendBytes(message);
        assertThat(MllpConnection.code(ack)).as(ack).isEqualTo("AE");
        assertThat(MllpConnection.segment(ack, "MSA")).contains("|" + controlId);
        assertThat(MllpConnection.segment(ack, "ERR")).isEqualTo("ERR||PID^1^5|102^Data type error^HL70357|E||||"
                + "PID-5: the bytes at offset " + head.length + " of the message are not UTF-8: send the message in UTF-8");
        assertThat(episodeCount("EP-UTF8-0001")).isZero();
        assertThat(quarantined(controlId)).startsWith("PID-5: the bytes at offset " + head.length)
                .endsWith("(quarantined byte for byte, each byte read as ISO-8859-1)");
        String kept = jdbc.queryForObject("select payload from quarantined_input where source = 'hl7-mllp' and payload"
                + " like ?", String.class, "%" + controlId + "%");
        assertThat(kept).as("no byte lost to U+FFFD").doesNotContain("\uFFFD");
        assertThat(kept.getBytes(StandardCharsets.ISO_8859_1)).as("the bytes that came").isEqualTo(message);

        String readable = pas.send(admission);
        assertThat(MllpConnection.code(readable)).as(readable).isEqualTo("AA");
        assertThat(episodeCount("EP-UTF8-0001")).isEqualTo(1);
    }

    @Test
    void aMessageWhoseLastSegmentHasNoCarriageReturnIsTakenAndStoredAsSent() {
        String controlId = "NOCR-" + UUID.randomUUID();
        String whole = Hl7Samples.sample("a01-admit.hl7", controlId, "EP-NOCR-0001");
        acceptedAndStoredAsSent(controlId, "EP-NOCR-0001", whole.substring(0, whole.length() - 1));
    }

    @Test
    void aMessageWithCrLfBetweenSegmentsIsTakenAndStoredAsSent() {
        String controlId = "CRLF-" + UUID.randomUUID();
        String sent = Hl7Samples.sample("a01-admit.hl7", controlId, "EP-CRLF-0001").replace("\r", "\r\n");
        acceptedAndStoredAsSent(controlId, "EP-CRLF-0001", sent);
    }

    @Test
    void aMessageWithLfBetweenSegmentsAndTrailingBlankLinesIsTakenAndStoredAsSent() {
        String controlId = "LF-" + UUID.randomUUID();
        String sent = Hl7Samples.sample("a01-admit.hl7", controlId, "EP-LF-0001").replace('\r', '\n') + "\n\n";
        acceptedAndStoredAsSent(controlId, "EP-LF-0001", sent);
    }

    @Test
    void aNulAfterTheLastSegmentIsTakenButANulInsideAFieldIsRefusedNamingItAndQuarantined() {
        String controlId = "NUL-" + UUID.randomUUID();
        String admission = Hl7Samples.sample("a01-admit.hl7", controlId, "EP-NUL-0001");
        String inside = admission.replace("EP-NUL-0001", "EP-NUL\0-0001");
        byte[] insideBytes = inside.getBytes(StandardCharsets.UTF_8);

        String refused = pas.sendBytes(insideBytes);
        assertThat(MllpConnection.code(refused)).as(refused).isEqualTo("AE");
        int offset = inside.substring(0, inside.indexOf('\0')).getBytes(StandardCharsets.UTF_8).length;
        assertThat(MllpConnection.segment(refused, "ERR")).isEqualTo("ERR||PV1^1^19|102^Data type error^HL70357|E"
                + "||||PV1-19: a NUL byte at offset " + offset + " of the message, inside PV1-19: HL7 v2 text holds no "
                + "NUL; send the field without it");
        assertThat(episodeCount("EP-NUL-0001")).isZero();
        assertThat(quarantined(controlId)).startsWith("PV1-19: a NUL byte at offset " + offset);

        String trailing = pas.sendBytes((admission + "\0").getBytes(StandardCharsets.UTF_8));
        assertThat(MllpConnection.code(trailing)).as(trailing).isEqualTo("AA");
        assertThat(episodeCount("EP-NUL-0001")).isEqualTo(1);
    }

    @Test
    void aMessageCutShortInTransitNeverReachesItsEndBlockAndIsNotTaken() throws Exception {
        String controlId = "CUT-" + UUID.randomUUID();
        String admission = Hl7Samples.sample("a01-admit.hl7", controlId, "EP-CUT-0001");
        String cut = admission.substring(0, admission.indexOf("EP-CUT-0001") + "EP-CUT".length());
        try (Socket socket = new Socket("127.0.0.1", environment().mllpPort())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(0x0b);
            socket.getOutputStream().write(cut.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            socket.shutdownOutput();
            assertThat(socket.getInputStream().read()).as("no acknowledgement for a frame without its end block")
                    .isEqualTo(-1);
        }
        assertThat(episodeCount("EP-CUT")).isZero();
        assertThat(jdbc.queryForObject("select count(*) from hospital_event where message_id = ?", Integer.class,
                controlId)).isZero();

        String whole = pas.send(admission);
        assertThat(MllpConnection.code(whole)).as(whole).isEqualTo("AA");
        assertThat(episodeCount("EP-CUT-0001")).isEqualTo(1);
    }

    @Test
    void theAcknowledgementIsWrittenWithTheDelimitersTheSenderChose() {
        String controlId = "DELIM-" + UUID.randomUUID();
        String sent = Hl7Samples.sample("a01-admit.hl7", controlId, "EP-DELIM-0001").replace('|', '#')
                .replace('^', '$');
        String ack = pas.sendBytes(sent.getBytes(StandardCharsets.UTF_8));
        assertThat(ack).startsWith("MSH#$~\\&#HANDOVER#").contains("#ACK$A01$ACK#")
                .contains("\rMSA#AA#" + controlId + "#admitted").endsWith("\r");
        assertThat(episodeCount("EP-DELIM-0001")).isEqualTo(1);
    }

    private void acceptedAndStoredAsSent(String controlId, String episodeId, String sent) {
        String ack = pas.sendBytes(sent.getBytes(StandardCharsets.UTF_8));
        assertThat(MllpConnection.code(ack)).as(ack).isEqualTo("AA");
        assertThat(MllpConnection.segment(ack, "MSA")).startsWith("MSA|AA|" + controlId + "|admitted");
        assertThat(ack).as("the acknowledgement's segments end with CR alone").doesNotContain("\n").endsWith("\r");
        assertThat(episodeCount(episodeId)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select payload from hospital_event where message_id = ?", String.class,
                controlId)).as("stored as sent").isEqualTo(sent);
    }

    @Test
    void malformedBytesStillGetAnAcknowledgementOnTheSameConnection() {
        String unreadable = "MSH|^~\\&|PAS|RX1|HANDOVER|RX1|20261203101500||ADT^A03^ADT_A03|MALFORMED-1|P|2.5\r"
                + "PID|1||\u0000\u0001garbage";
        String ack = pas.sendBytes(unreadable.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(MllpConnection.code(ack)).as(ack).isIn("AE", "AR");
        assertThat(MllpConnection.segment(ack, "MSA")).contains("|MALFORMED-1|");
        assertThat(MllpConnection.segment(ack, "ERR")).isNotEmpty();

        String notHl7 = pas.send("hello, is this the hospital?");
        assertThat(MllpConnection.code(notHl7)).isEqualTo("AR");
        assertThat(MllpConnection.segment(notHl7, "ERR")).contains("not HL7 v2 pipe-encoded");

        // The connection is still good for the next message
        String next = pas.send(Hl7Samples.sample("a01-admit.hl7", "AFTER-" + UUID.randomUUID(), "EP-AFTER-1"));
        assertThat(MllpConnection.code(next)).isEqualTo("AA");
    }

    @Test
    void emergencyAttendancesEndWithoutATransferOfCare() {
        String message = Hl7Samples.withField(Hl7Samples.sample("a03-discharge-patient-copy.hl7",
                "ED-" + UUID.randomUUID(), "EP-ED-0001"), "PV1", 2, "E");
        String ack = pas.send(message);
        assertThat(MllpConnection.code(ack)).as(ack).isEqualTo("AA");
        assertThat(MllpConnection.segment(ack, "MSA")).contains("EMERGENCY_DEPARTMENT").contains("EncounterEnded published")
                .doesNotContain("PatientDischarged");
        await().atMost(PATIENCE).until(() -> jdbc.queryForList(
                "select setting from fft_conversation where encounter_id = 'EP-ED-0001'", String.class),
                settings -> settings.equals(List.of("EMERGENCY_DEPARTMENT")));
        assertThat(as("admin").getJson("/engine-rest/history/process-instance?processInstanceBusinessKey=EP-ED-0001"))
                .isEmpty();
    }

    @Test
    void aFhirEncounterFinishedIsADischargeToo() {
        String json = Hl7Samples.sample("encounter-discharge.json");
        Http integration = as("integration");
        HttpResponse<String> created = integration.postAs("/fhir/r4/Encounter", "application/fhir+json", json);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(Http.parse(created.body()).path("id").asText()).isEqualTo("EP-SAMPLE-FHIR-0001");
        assertThat(episode("EP-SAMPLE-FHIR-0001")).containsEntry("STATUS", "DISCHARGED")
                .containsEntry("PATIENT_CLASS", "IMP").containsEntry("WARD", "Ward 9");
        JsonNode task = as("dischargecoordinator").awaitOneTask("EP-SAMPLE-FHIR-0001", "UserTask_ConfirmPathway");
        assertThat(as("dischargecoordinator").getJson("/engine-rest/task/" + task.path("id").asText() + "/variables")
                .path("proposedPathway").path("value").asText()).isEqualTo("1");

        HttpResponse<String> again = integration.postAs("/fhir/r4/Encounter", "application/fhir+json", json);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.headers().firstValue("X-Handover-Outcome")).hasValueSatisfying(v -> assertThat(v)
                .contains("duplicate"));

        // XML, an emergency attendance of another patient
        FhirContext fhir = FhirContext.forR4Cached();
        Encounter attendance = fhir.newJsonParser().parseResource(Encounter.class, json
                .replace("EP-SAMPLE-FHIR-0001", "EP-FHIR-ED-0001").replace("\"IMP\"", "\"EMER\""));
        HttpResponse<String> xml = integration.postAs("/fhir/r4/Encounter", "application/fhir+xml",
                fhir.newXmlParser().encodeResourceToString(attendance));
        assertThat(xml.statusCode()).as(xml.body()).isEqualTo(201);
        assertThat(xml.body()).startsWith("<Encounter");
        assertThat(episode("EP-FHIR-ED-0001")).containsEntry("SETTING", "EMERGENCY_DEPARTMENT");
    }

    @Test
    void badFhirEncountersAreRefusedWithAnOperationOutcome() {
        String json = Hl7Samples.sample("encounter-discharge.json").replace("EP-SAMPLE-FHIR-0001", "EP-FHIR-BAD-1");
        Http integration = as("integration");
        HttpResponse<String> wrongNumber = integration.postAs("/fhir/r4/Encounter", "application/fhir+json",
                json.replace("9990000034", "9990000035"));
        assertThat(wrongNumber.statusCode()).isEqualTo(422);
        JsonNode issue = Http.parse(wrongNumber.body()).path("issue").get(0);
        assertThat(issue.path("expression").get(0).asText()).isEqualTo("Encounter.subject.resolve().identifier");
        assertThat(issue.path("diagnostics").asText()).startsWith("NHS number *** *** 0035 fails the Modulus 11 check");
        assertThat(wrongNumber.headers().firstValue("X-Handover-Quarantine-Id")).isPresent();

        HttpResponse<String> noEnd = integration.postAs("/fhir/r4/Encounter", "application/fhir+json",
                json.replace(", \"end\": \"2026-12-03T11:30:00Z\"", ""));
        assertThat(noEnd.statusCode()).isEqualTo(400);
        assertThat(Http.parse(noEnd.body()).path("issue").get(0).path("expression").get(0).asText())
                .isEqualTo("Encounter.period.end");
        assertThat(episodeCount("EP-FHIR-BAD-1")).isZero();

        assertThat(Http.anonymous(environment().baseUrl()).postAs("/fhir/r4/Encounter", "application/fhir+json", json)
                .statusCode()).isEqualTo(401);
        HttpResponse<String> forbidden = as("patientexperience").postAs("/fhir/r4/Encounter", "application/fhir+json",
                json);
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(Http.parse(forbidden.body()).path("resourceType").asText()).isEqualTo("OperationOutcome");
    }

    @Test
    void anUpdateChangesDemographicsAndACancelledAdmissionCannotBeDischarged() {
        String episode = "EP-A08-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(MllpConnection.code(pas.send(Hl7Samples.sample("a01-admit.hl7", "A01-" + UUID.randomUUID(),
                episode)))).isEqualTo("AA");
        String a08 = Hl7Samples.withField(Hl7Samples.withField(Hl7Samples.sample("a01-admit.hl7",
                "A08-" + UUID.randomUUID(), episode), "MSH", 9, "ADT^A08^ADT_A01"), "PID", 11,
                "9 New Road^^Leeds^^LS6 2AB^GBR");
        String updated = pas.send(a08);
        assertThat(MllpConnection.segment(updated, "MSA")).as(updated).startsWith("MSA|AA|")
                .contains("demographics updated on");
        assertThat(episode(episode)).containsEntry("POSTCODE", "LS6 2AB").containsEntry("ADDRESS_LINE", "9 New Road, Leeds");

        String a11 = Hl7Samples.withField(Hl7Samples.sample("a13-cancel-discharge.hl7", "A11-" + UUID.randomUUID(),
                episode), "MSH", 9, "ADT^A11^ADT_A09");
        assertThat(MllpConnection.segment(pas.send(a11), "MSA")).contains("admission cancelled");
        assertThat(episode(episode)).containsEntry("STATUS", "CANCELLED");

        String a03 = pas.send(Hl7Samples.sample("a03-discharge-pathway1.hl7", "A03-" + UUID.randomUUID(), episode));
        assertThat(MllpConnection.code(a03)).isEqualTo("AE");
        assertThat(MllpConnection.segment(a03, "ERR")).isEqualTo("ERR||PV1^1^19|204^Unknown key identifier^HL70357|E||||"
                + "PV1-19: episode " + episode + " was cancelled (A11): send A01 again before discharging it");
        assertThat(jdbc.queryForObject("select count(*) from hospital_event where episode_id = ?", Integer.class,
                episode)).as("the refused A03 is not stored as an event").isEqualTo(3);
    }

    @Test
    void admissionDischargeAndCancellationSentBackToBackReachTheProcessesInOrder() {
        String episode = "EP-ORDER-" + UUID.randomUUID().toString().substring(0, 8);
        for (String[] message : new String[][] {{"a01-admit.hl7", "A01"}, {"a03-discharge-pathway1.hl7", "A03"},
            {"a13-cancel-discharge.hl7", "A13"}}) {
            String ack = pas.send(Hl7Samples.sample(message[0], message[1] + "-" + UUID.randomUUID(), episode));
            assertThat(MllpConnection.code(ack)).as(ack).isEqualTo("AA");
        }
        // The ACKs did not wait for the downstream processes: the dispatcher hands the events over in order, so the
        // cancellation finds the Discharge to Assess the discharge started (the other way round it would stay open).
        await().atMost(PATIENCE).until(() -> jdbc.queryForList("select state from encounter_dispatch"
                + " where episode_id = ? order by seq", String.class, episode),
                states -> states.equals(List.of("DISPATCHED", "DISPATCHED")));
        List<Map<String, Object>> dispatched = jdbc.queryForList("select summary, dispatched_at from encounter_dispatch"
                + " where episode_id = ? order by seq", episode);
        assertThat(dispatched.get(0).get("summary")).isEqualTo("A03: PatientDischarged, EncounterEnded");
        assertThat(dispatched.get(1).get("summary")).isEqualTo("A13: DischargeCancelled");
        assertThat((java.sql.Timestamp) dispatched.get(0).get("dispatched_at"))
                .isBeforeOrEqualTo((java.sql.Timestamp) dispatched.get(1).get("dispatched_at"));
        await().atMost(PATIENCE).until(() -> as("admin").get(
                "/engine-rest/task?processInstanceBusinessKey=" + episode).body(), "[]"::equals);
        JsonNode history = as("admin").getJson("/engine-rest/history/process-instance?processDefinitionKey="
                + "DischargeToAssess&processInstanceBusinessKey=" + episode);
        assertThat(history).hasSize(1);
        assertThat(history.get(0).path("state").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void anEventThatCannotBeDispatchedIsQuarantinedWithoutHoldingBackTheOthers() {
        String episode = "EP-POISON-" + UUID.randomUUID().toString().substring(0, 8);
        // A row its listeners can never take (as a faulty release might have written it), first in its episode
        java.sql.Timestamp now = new java.sql.Timestamp(System.currentTimeMillis());
        jdbc.update("insert into encounter_dispatch (hospital_event_id, episode_id, summary, events, state, attempts,"
                + " created_at, next_attempt_at) values (?, ?, 'A03: PatientDischarged', ?, 'PENDING', 0, ?, ?)",
                UUID.randomUUID().toString(), episode,
                "[{\"type\":\"PatientDischarged\",\"event\":{\"episodeId\":\"" + episode
                        + "\",\"birthDate\":\"not a date\"}}]", now, now);
        String other = "EP-HEALTHY-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(MllpConnection.code(pas.send(Hl7Samples.sample("a03-discharge-pathway1.hl7",
                "A03-" + UUID.randomUUID(), other)))).isEqualTo("AA");
        assertThat(MllpConnection.code(pas.send(Hl7Samples.sample("a03-discharge-pathway1.hl7",
                "A03-" + UUID.randomUUID(), episode)))).isEqualTo("AA");

        as("dischargecoordinator").awaitOneTask(other, "UserTask_ConfirmPathway");
        await().atMost(PATIENCE).until(() -> jdbc.queryForList("select reason from quarantined_input"
                + " where source = 'encounter-dispatch' and reason like ?", String.class, "%" + episode + "%"),
                reasons -> reasons.size() == 1 && reasons.get(0).contains("after 2 attempts"));
        // once the poison is out of the way, the discharge after it in the same episode goes through
        as("dischargecoordinator").awaitOneTask(episode, "UserTask_ConfirmPathway");
        assertThat(jdbc.queryForList("select state from encounter_dispatch where episode_id = ? order by seq",
                String.class, episode)).containsExactly("QUARANTINED", "DISPATCHED");

        JsonNode health = as("admin").getJson("/actuator/health/encounterDispatch");
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.path("details").path("quarantined").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(health.path("details").has("oldestUndispatchedSeconds")).isTrue();
        assertThat(as("admin").get("/actuator/metrics/handover.adt.dispatch.backlog").statusCode()).isEqualTo(200);
        assertThat(as("admin").getJson("/actuator/metrics/handover.adt.dispatch.delay").path("measurements").get(0)
                .path("value").asDouble()).as("events dispatched").isGreaterThanOrEqualTo(2);
    }

    @Test
    void anAdministratorReQueuesAQuarantinedEventAndItIsDispatched() {
        // The events a real discharge published, kept as a quarantined row of an episode of their own
        String source = "EP-RQ-SRC-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(MllpConnection.code(pas.send(Hl7Samples.sample("a03-discharge-pathway1.hl7",
                "A03-" + UUID.randomUUID(), source)))).isEqualTo("AA");
        await().atMost(PATIENCE).until(() -> jdbc.queryForList("select state from encounter_dispatch"
                + " where episode_id = ?", String.class, source), states -> states.equals(List.of("DISPATCHED")));
        String events = jdbc.queryForObject("select events from encounter_dispatch where episode_id = ?", String.class,
                source);
        String episode = "EP-RQ-" + UUID.randomUUID().toString().substring(0, 8);
        String eventId = UUID.randomUUID().toString();
        quarantinedDispatch(eventId, episode, events.replace(source, episode),
                "IllegalStateException: transfer of care refused patient 9434765919");

        JsonNode listed = as("admin").getJson("/api/admin/encounter-dispatch");
        JsonNode row = java.util.stream.StreamSupport.stream(listed.spliterator(), false)
                .filter(r -> r.path("hospitalEventId").asText().equals(eventId)).findFirst().orElseThrow();
        assertThat(row.path("state").asText()).isEqualTo("QUARANTINED");
        assertThat(row.path("lastError").asText()).contains("refused patient").doesNotContain("9434765919");
        assertThat(as("dischargecoordinator").post("/api/admin/encounter-dispatch/" + eventId + "/requeue", "")
                .statusCode()).isEqualTo(403);

        HttpResponse<String> requeued = as("admin").post("/api/admin/encounter-dispatch/" + eventId + "/requeue", "");
        assertThat(requeued.statusCode()).as(requeued.body()).isEqualTo(200);
        assertThat(Http.parse(requeued.body()).path("state").asText()).isEqualTo("PENDING");
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject("select state from encounter_dispatch"
                + " where hospital_event_id = ?", String.class, eventId), "DISPATCHED"::equals);
        as("dischargecoordinator").awaitOneTask(episode, "UserTask_ConfirmPathway");
        assertThat(jdbc.queryForList("select user_id from audit_event where action = 'CHANGE' and resource = ?",
                String.class, "encounter-dispatch/" + eventId)).containsExactly("admin");

        HttpResponse<String> again = as("admin").post("/api/admin/encounter-dispatch/" + eventId + "/requeue", "");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("was DISPATCHED").contains("only a QUARANTINED event can be re-queued");
        HttpResponse<String> unknown = as("admin").post("/api/admin/encounter-dispatch/no-such-event/requeue", "");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("No hospital event no-such-event");
    }

    @Test
    void aQuarantinedEventWithLaterEventsDispatchedIsReQueuedOnlyWhenOutOfOrderIsAccepted() {
        String episode = "EP-RQ-LATE-" + UUID.randomUUID().toString().substring(0, 8);
        String eventId = UUID.randomUUID().toString();
        quarantinedDispatch(eventId, episode, "[]", "IllegalStateException: listener failed");
        // the episode's next message went through once this one was out of the way
        assertThat(MllpConnection.code(pas.send(Hl7Samples.sample("a03-discharge-pathway1.hl7",
                "A03-" + UUID.randomUUID(), episode)))).isEqualTo("AA");
        await().atMost(PATIENCE).until(() -> jdbc.queryForList("select state from encounter_dispatch"
                + " where episode_id = ? order by seq", String.class, episode),
                states -> states.equals(List.of("QUARANTINED", "DISPATCHED")));

        HttpResponse<String> refused = as("admin").post("/api/admin/encounter-dispatch/" + eventId + "/requeue", "");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("Episode " + episode + " has 1 later event(s) dispatched")
                .contains("A03: PatientDischarged").contains("outOfOrder=true");
        assertThat(jdbc.queryForObject("select state from encounter_dispatch where hospital_event_id = ?",
                String.class, eventId)).isEqualTo("QUARANTINED");

        HttpResponse<String> accepted = as("admin").post("/api/admin/encounter-dispatch/" + eventId
                + "/requeue?outOfOrder=true", "");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject("select state from encounter_dispatch"
                + " where hospital_event_id = ?", String.class, eventId), "DISPATCHED"::equals);
        assertThat(jdbc.queryForObject("select last_error from encounter_dispatch where hospital_event_id = ?",
                String.class, eventId)).startsWith("re-queued by admin out of order after: IllegalStateException");
    }

    private void quarantinedDispatch(String eventId, String episode, String events, String error) {
        java.sql.Timestamp now = new java.sql.Timestamp(System.currentTimeMillis());
        jdbc.update("insert into encounter_dispatch (hospital_event_id, episode_id, summary, events, state, attempts,"
                + " created_at, next_attempt_at, last_error) values (?, ?, 'A03: PatientDischarged', ?, 'QUARANTINED',"
                + " 2, ?, ?, ?)", eventId, episode, events, now, now, error);
    }

    @Test
    void aPatientWhoDiedInHospitalIsReportedToTheGpButNobodyContactsThePatient() {
        String message = Hl7Samples.withField(Hl7Samples.sample("a03-discharge-patient-copy.hl7",
                "DIED-" + UUID.randomUUID(), "EP-DIED-0001"), "PV1", 36, "20");
        String ack = pas.send(message);
        assertThat(MllpConnection.code(ack)).as(ack).isEqualTo("AA");
        assertThat(MllpConnection.segment(ack, "MSA")).contains("died").contains("PatientDischarged");
        assertThat(episode("EP-DIED-0001")).containsEntry("DIED_IN_HOSPITAL", true);

        // The ward still writes the summary: the GP must hear of the death
        Http ward = as("wardadmin");
        JsonNode task = ward.awaitOneTask("EP-DIED-0001", "UserTask_CompleteDischargeSummary");
        JsonNode variables = ward.getJson("/engine-rest/task/" + task.path("id").asText() + "/variables");
        assertThat(variables.path("dischargeDetails").path("value").asText()).contains("This patient died in hospital");

        // No Discharge to Assess, no text to the family's phone, no copy addressed to the patient
        await().atMost(PATIENCE).until(() -> jdbc.queryForList(
                "select skip_reason from fft_conversation where encounter_id = 'EP-DIED-0001'", String.class),
                reasons -> reasons.size() == 1 && reasons.get(0) != null);
        assertThat(as("admin").getJson("/engine-rest/history/process-instance?processDefinitionKey=DischargeToAssess"
                + "&processInstanceBusinessKey=EP-DIED-0001")).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from discharge_to_assess where episode_id = 'EP-DIED-0001'",
                Integer.class)).isZero();
        assertThat(ward.getJson("/api/discharge/episodes/EP-DIED-0001").path("patientCopy").isEmpty())
                .as("no patient copy for a patient who died").isTrue();
    }

    private Map<String, Object> episode(String id) {
        Map<String, Object> row = jdbc.queryForMap("select * from hospital_episode where episode_id = ?", id);
        Map<String, Object> upper = new java.util.HashMap<>();
        row.forEach((k, v) -> upper.put(k.toUpperCase(java.util.Locale.ROOT), v));
        return upper;
    }

    private int episodeCount(String id) {
        return jdbc.queryForObject("select count(*) from hospital_episode where episode_id = ?", Integer.class, id);
    }

    private String quarantined(String controlId) {
        return jdbc.queryForObject("select reason from quarantined_input where source = 'hl7-mllp' and payload like ?",
                String.class, "%" + controlId + "%");
    }

    private Http as(String user) {
        return Http.as(environment().baseUrl(), user);
    }

}
