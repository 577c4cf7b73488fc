package org.handover.referral;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.handover.HandoverApplication;
import org.handover.support.SandboxEnvironment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The FHIR referral intake through its real entry point, in the whole application (run on H2 and on PostgreSQL by
 * the subclasses), with a
 * recording {@link ReferralWorkflow} in place of the Camunda process (it routes like the rules would, so that the
 * answer shows what the workflow changed).
 */
@SpringBootTest(classes = HandoverApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@Import(ReferralIntakeScenarios.Workflow.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class ReferralIntakeScenarios {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String FHIR_JSON = "application/fhir+json";
    static final String FHIR_XML = "application/fhir+xml";
    static final String PATH = "/fhir/r4/ServiceRequest";
    static final AtomicLong UBRNS = new AtomicLong(200_000_000_000L + System.nanoTime() % 1_000_000 * 1000);

    abstract SandboxEnvironment environment();


    @TestConfiguration
    static class Workflow {
        @Bean
        @Primary
        RecordingWorkflow recordingWorkflow(ReferralStates states) {
            return new RecordingWorkflow(states);
        }
    }

    /** Records the calls; routes as the rules would: red flag to colorectal as two-week wait, else by specialty. */
    static final class RecordingWorkflow implements ReferralWorkflow {
        final List<ReferralRecord> started = new CopyOnWriteArrayList<>();
        final List<ReferralRecord> furtherInformation = new CopyOnWriteArrayList<>();
        /** UBRNs whose start dawdles, holding the intake transaction open as a slow process start would. */
        final Set<String> slow = ConcurrentHashMap.newKeySet();
        private final ReferralStates states;

        RecordingWorkflow(ReferralStates states) {
            this.states = states;
        }

        /** Answers nothing: the intake then reads the routed referral again. */
        @Override
        public Optional<ReferralRecord> start(ReferralRecord referral) {
            started.add(referral);
            if (slow.contains(referral.ubrn())) {
                try {
                    Thread.sleep(700);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            boolean redFlag = referral.clinicalInformation().toLowerCase(Locale.ROOT).contains("rectal bleeding");
            states.routedForTriage(referral.ubrn(),
                    redFlag ? "colorectal-triage" : referral.specialtyCode().toLowerCase(Locale.ROOT) + "-triage",
                    redFlag ? "two-week-wait" : referral.priority().name(),
                    redFlag ? "Red flag in clinical information: rectal bleeding" : "Specialty " + referral.specialtyCode());
            return Optional.empty();
        }

        @Override
        public void furtherInformationReceived(ReferralRecord referral) {
            furtherInformation.add(referral);
        }

        long startsFor(String ubrn) {
            return started.stream().filter(r -> r.ubrn().equals(ubrn)).count();
        }
    }

    @Autowired RecordingWorkflow workflow;
    @Autowired JdbcTemplate jdbc;
    @Autowired ReferralStates states;

    FhirClient as(String user) {
        return FhirClient.as(environment().baseUrl(), user);
    }

    // --- POST ---

    @Test
    void aValidReferralIsStoredStartedAndAnsweredWith201LocationETagAndTheRoutedResource() {
        String ubrn = newUbrn();
        HttpResponse<String> answer = as("integration").post(PATH, FHIR_JSON, sample("valid-routine-dermatology.json", ubrn));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        JsonNode resource = json(answer);
        String id = resource.path("id").asText();
        assertThat(answer.headers().firstValue("Location")).contains(PATH + "/" + id);
        assertThat(answer.headers().firstValue("ETag")).as("stored (1), then routed by the workflow (2)").contains("W/\"2\"");
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith(FHIR_JSON);
        assertThat(resource.path("meta").path("versionId").asText()).isEqualTo("2");
        assertThat(resource.path("status").asText()).isEqualTo("active");
        assertThat(extension(resource, ReferralResources.STATE_EXTENSION).path("valueCoding").path("code").asText())
                .isEqualTo("AWAITING_TRIAGE");
        assertThat(resource.path("performer").get(0).path("identifier").path("value").asText())
                .as("re-read after the workflow ran").isEqualTo("dermatology-triage");

        assertThat(workflow.startsFor(ubrn)).isEqualTo(1);
        ReferralRecord started = workflow.started.stream().filter(r -> r.ubrn().equals(ubrn)).findFirst().orElseThrow();
        assertThat(started.state()).isEqualTo(ReferralStates.AWAITING_TRIAGE);
        assertThat(started.id().toString()).isEqualTo(id);
        Map<String, Object> row = jdbc.queryForMap("select * from referral where ubrn = ?", ubrn);
        assertThat(row.get("patient_mobile")).isEqualTo("+447700900123");
        assertThat(row.get("nhs_number")).isEqualTo("9990000018");
        assertThat(row.get("practice_ods")).isEqualTo("A81001");
        assertThat(row.get("version")).isEqualTo(2);
        assertThat((String) row.get("attachments")).contains("Lesion on left forearm");
        assertThat(auditRows("integration", "CHANGE", id)).isEqualTo(1);
    }

    @Test
    void theSameUbrnAgainIsAnsweredWith200AndTheStoredReferralWithoutASecondStart() {
        String ubrn = newUbrn();
        String body = sample("valid-routine-dermatology.json", ubrn);
        HttpResponse<String> first = as("integration").post(PATH, FHIR_JSON, body);
        HttpResponse<String> again = as("integration").post(PATH, FHIR_JSON, body);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(json(again).path("id").asText()).isEqualTo(json(first).path("id").asText());
        assertThat(again.headers().firstValue("ETag")).isEqualTo(first.headers().firstValue("ETag"));
        assertThat(workflow.startsFor(ubrn)).isEqualTo(1);
    }

    @Test
    void preferReturnMinimalIsAnswered201WithLocationAndETagButNoResource() {
        String ubrn = newUbrn();
        String body = sample("valid-routine-dermatology.json", ubrn);
        HttpResponse<String> answer = as("integration").post(PATH, FHIR_JSON, body, "Prefer", "return=minimal");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        assertThat(answer.body()).isEmpty();
        assertThat(answer.headers().firstValue("Preference-Applied")).contains("return=minimal");
        assertThat(answer.headers().firstValue("Content-Type")).isEmpty();
        assertThat(answer.headers().firstValue("ETag")).contains("W/\"2\"");
        String location = answer.headers().firstValue("Location").orElseThrow();
        String id = jdbc.queryForObject("select id from referral where ubrn = ?", Object.class, ubrn).toString();
        assertThat(location).isEqualTo(PATH + "/" + id);
        assertThat(workflow.startsFor(ubrn)).isEqualTo(1);
        assertThat(auditRows("integration", "CHANGE", id)).isEqualTo(1);

        HttpResponse<String> again = as("integration").post(PATH, FHIR_JSON, body, "Prefer", "return=\"minimal\"");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEmpty();
        assertThat(again.headers().firstValue("Content-Location")).contains(location);
        HttpResponse<String> represented = as("integration").post(PATH, FHIR_JSON, body,
                "Prefer", "return=representation");
        assertThat(json(represented).path("id").asText()).isEqualTo(id);
        assertThat(workflow.startsFor(ubrn)).isEqualTo(1);
    }

    @Test
    void theSameUbrnPostedAtTheSameMomentIsStoredAndStartedOnce() throws Exception {
        String ubrn = newUbrn();
        workflow.slow.add(ubrn); // the others arrive while the first is stored but not yet committed
        String body = sample("valid-routine-dermatology.json", ubrn);
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(senders.submit(() -> as("integration").post(PATH, FHIR_JSON, body)));
            }
            List<Integer> statuses = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (Future<HttpResponse<String>> answer : answers) {
                statuses.add(answer.get().statusCode());
                ids.add(json(answer.get()).path("id").asText());
            }
            assertThat(statuses).containsOnly(201, 200).containsOnlyOnce(201);
            assertThat(ids).containsOnly(ids.get(0));
        } finally {
            senders.shutdownNow();
        }
        assertThat(workflow.startsFor(ubrn)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from referral where ubrn = ?", Integer.class, ubrn)).isEqualTo(1);
    }

    @Test
    void theSameUbrnForAnotherPatientIsRefusedAsAConflict() {
        String ubrn = newUbrn();
        as("integration").post(PATH, FHIR_JSON, sample("valid-routine-dermatology.json", ubrn));
        HttpResponse<String> other = as("integration").post(PATH, FHIR_JSON, sample("valid-paediatric.json", ubrn));

        assertThat(other.statusCode()).isEqualTo(409);
        assertThat(other.body()).doesNotContain("9990000034").doesNotContain("9990000018");
        assertThat(workflow.startsFor(ubrn)).isEqualTo(1);
    }

    @Test
    void aRedFlagReferralSentAsRoutineIsAnsweredWithThePriorityTheWorkflowRaised() {
        String ubrn = newUbrn();
        HttpResponse<String> answer = as("integration").post(PATH, "application/json",
                sample("valid-2ww-colorectal-red-flag.json", ubrn));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        JsonNode resource = json(answer);
        assertThat(resource.path("priority").asText()).isEqualTo("asap");
        assertThat(extension(resource, ReferralResources.ROUTING_EXTENSION).path("valueString").asText())
                .contains("rectal bleeding");
        assertThat(jdbc.queryForObject("select gp_priority from referral where ubrn = ?", String.class, ubrn))
                .isEqualTo("ROUTINE");
    }

    @Test
    void xmlInXmlOutAndFormatOrAcceptChooseTheAnswersEncoding() {
        String ubrn = newUbrn();
        String xml = ServiceRequestMapperTest.sample("valid-contained-patient.xml").replace("100000000004", ubrn);
        HttpResponse<String> created = as("integration").post(PATH, FHIR_XML, xml);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Content-Type").orElseThrow()).startsWith(FHIR_XML);
        assertThat(created.body()).contains("<ServiceRequest xmlns=\"http://hl7.org/fhir\">").contains("Zoë");
        String location = created.headers().firstValue("Location").orElseThrow();

        HttpResponse<String> asJson = as("consultant").get(location + "?_format=json");
        assertThat(asJson.headers().firstValue("Content-Type").orElseThrow()).startsWith(FHIR_JSON);
        assertThat(json(asJson).path("identifier").get(0).path("value").asText()).isEqualTo(ubrn);
        HttpResponse<String> asXml = as("consultant").get(location, "Accept", "application/fhir+xml");
        assertThat(asXml.body()).startsWith("<ServiceRequest");
        assertThat(jdbc.queryForObject("select patient_mobile from referral where ubrn = ?", String.class, ubrn))
                .isEqualTo("+447700900321");
    }

    // --- refusals ---

    @Test
    void malformedJsonIs400WithAnOperationOutcomeAndTheBodyIsQuarantined() {
        String body = ServiceRequestMapperTest.sample("invalid-malformed.json");
        HttpResponse<String> answer = as("integration").post(PATH, FHIR_JSON, body);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith(FHIR_JSON);
        JsonNode issue = singleIssue(answer);
        assertThat(issue.path("severity").asText()).isEqualTo("error");
        assertThat(issue.path("code").asText()).isEqualTo("invalid");
        assertThat(issue.path("expression").get(0).asText()).isEqualTo("ServiceRequest");
        String quarantineId = answer.headers().firstValue(ReferralIntakeController.QUARANTINE_HEADER).orElseThrow();
        assertThat(issue.path("diagnostics").asText()).startsWith("Not a readable FHIR R4 ServiceRequest")
                .contains("quarantine id " + quarantineId);
        Map<String, Object> kept = jdbc.queryForMap("select * from quarantined_input where id = ?", quarantineId);
        assertThat(kept.get("source")).isEqualTo("fhir-servicerequest");
        assertThat(kept.get("payload")).isEqualTo(body);
        assertThat((String) kept.get("reason")).contains("Not a readable FHIR R4 ServiceRequest");
    }

    @Test
    void aBodyThatIsNotUtf8Is400AndQuarantinedRatherThanStoredWithAGarbledName() {
        String ubrn = newUbrn();
        String body = sample("valid-routine-dermatology.json", ubrn);
        int family = body.indexOf("\"family\":\"") + "\"family\":\"".length();
        byte[] before = body.substring(0, family).getBytes(StandardCharsets.UTF_8);
        byte[] after = body.substring(family).getBytes(StandardCharsets.UTF_8);
        byte[] notUtf8 = new byte[before.length + 2 + after.length];
        System.arraycopy(before, 0, notUtf8, 0, before.length);
        notUtf8[before.length] = (byte) 0xC3;
        notUtf8[before.length + 1] = (byte) 0x28;
        System.arraycopy(after, 0, notUtf8, before.length + 2, after.length);

        HttpResponse<String> answer = as("integration").postBytes(PATH, FHIR_JSON, notUtf8);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(singleIssue(answer).path("diagnostics").asText())
                .contains("not valid UTF-8: the bytes at offset " + before.length);
        String quarantineId = assertQuarantined(answer);
        assertThat(jdbc.queryForObject("select reason from quarantined_input where id = ?", String.class, quarantineId))
                .contains("not valid UTF-8");
        assertThat(jdbc.queryForObject("select count(*) from referral where ubrn = ?", Integer.class, ubrn)).isZero();
    }

    @Test
    void aNameWithAnEscapedNulIs400NamingTheOffsetAndQuarantined() {
        String ubrn = newUbrn();
        String body = sample("valid-routine-dermatology.json", ubrn);
        int family = body.indexOf("\"family\":\"") + "\"family\":\"".length();
        String withNul = body.substring(0, family) + "\\u0000" + body.substring(family);

        HttpResponse<String> answer = as("integration").post(PATH, FHIR_JSON, withNul);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(singleIssue(answer).path("diagnostics").asText())
                .contains("control character U+0000 (as \\u0000) at offset " + family);
        String quarantineId = assertQuarantined(answer);
        assertThat(jdbc.queryForObject("select payload from quarantined_input where id = ?", String.class,
                quarantineId)).contains("\\u0000");
        assertThat(jdbc.queryForObject("select count(*) from referral where ubrn = ?", Integer.class, ubrn)).isZero();

        String escapedBackslash = body.substring(0, family) + "\\\\u0000" + body.substring(family);
        assertThat(as("integration").post(PATH, FHIR_JSON, escapedBackslash).statusCode())
                .as("a backslash then the letters u0000 are text, not a control character").isEqualTo(201);
    }

    @Test
    void aMissingUbrnIs400NamingTheField() {
        HttpResponse<String> answer = as("integration").post(PATH, FHIR_JSON,
                ServiceRequestMapperTest.sample("invalid-missing-ubrn.json"));

        assertThat(answer.statusCode()).isEqualTo(400);
        JsonNode issue = singleIssue(answer);
        assertThat(issue.path("code").asText()).isEqualTo("required");
        assertThat(issue.path("expression").get(0).asText())
                .isEqualTo("ServiceRequest.identifier.where(system='https://fhir.nhs.uk/Id/UBRN')");
        assertThat(issue.path("diagnostics").asText()).contains("UBRN");
        assertQuarantined(answer);
    }

    @Test
    void anInvalidNhsNumberIs422AndNeverEchoed() {
        HttpResponse<String> answer = as("integration").post(PATH, FHIR_JSON,
                ServiceRequestMapperTest.sample("invalid-nhs-number.json"));

        assertThat(answer.statusCode()).isEqualTo(422);
        JsonNode issue = singleIssue(answer);
        assertThat(issue.path("diagnostics").asText()).startsWith("NHS number check digit is wrong");
        assertThat(answer.body()).doesNotContain("9990000019");
        String quarantineId = assertQuarantined(answer);
        assertThat(jdbc.queryForObject("select reason from quarantined_input where id = ?", String.class, quarantineId))
                .doesNotContain("9990000019");
    }

    @Test
    void anUnsupportedMediaTypeIs415() {
        HttpResponse<String> answer = as("integration").post(PATH, "application/pdf", "%PDF-1.4");
        assertThat(answer.statusCode()).isEqualTo(415);
        assertQuarantined(answer);
    }

    // --- security ---

    @Test
    void withoutCredentials401AndWithoutTheRole403() {
        String body = sample("valid-routine-dermatology.json", newUbrn());
        int quarantined = jdbc.queryForObject("select count(*) from quarantined_input", Integer.class);

        assertThat(FhirClient.anonymous(environment().baseUrl()).post(PATH, FHIR_JSON, body).statusCode()).isEqualTo(401);
        assertThat(FhirClient.anonymous(environment().baseUrl()).get(PATH + "?identifier=1").statusCode()).isEqualTo(401);
        HttpResponse<String> patientExperience = as("patientexperience").post(PATH, FHIR_JSON, body);
        assertThat(patientExperience.statusCode()).isEqualTo(403);
        assertThat(singleIssue(patientExperience).path("code").asText()).isEqualTo("forbidden");
        assertThat(as("consultant").post(PATH, FHIR_JSON, body).statusCode()).as("staff read, systems send").isEqualTo(403);
        assertThat(as("patientexperience").get(PATH + "?identifier=1").statusCode()).isEqualTo(403);
        assertThat(as("socialcare").get(PATH + "/" + java.util.UUID.randomUUID()).statusCode()).isEqualTo(403);
        assertThat(jdbc.queryForObject("select count(*) from quarantined_input", Integer.class))
                .as("a refusal for want of a role is not refused input").isEqualTo(quarantined);
        assertThat(jdbc.queryForObject("select count(*) from referral where ubrn = ?", Integer.class,
                json(body).path("identifier").get(0).path("value").asText())).isZero();
    }

    // --- reads ---

    @Test
    void readByIdIsAuditedWithTheReasonGiven() {
        JsonNode created = json(as("integration").post(PATH, FHIR_JSON, sample("valid-routine-dermatology.json", newUbrn())));
        String id = created.path("id").asText();

        HttpResponse<String> read = as("consultant").get(PATH + "/" + id, "X-Handover-Reason", "Triage of this referral");
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.headers().firstValue("ETag")).contains("W/\"2\"");
        assertThat(json(read).path("id").asText()).isEqualTo(id);
        assertThat(jdbc.queryForObject("""
                select count(*) from audit_event where user_id = 'consultant' and action = 'READ' and resource = ?
                and nhs_number = '9990000018' and reason = 'Triage of this referral'
                """, Integer.class, "ServiceRequest/" + id)).isEqualTo(1);

        as("bookingadmin").get(PATH + "/" + id);
        assertThat(jdbc.queryForObject("select reason from audit_event where user_id = 'bookingadmin' and resource = ?",
                String.class, "ServiceRequest/" + id)).isEqualTo("FHIR read");
    }

    @Test
    void anUnknownIdIs404() {
        HttpResponse<String> unknown = as("consultant").get(PATH + "/" + java.util.UUID.randomUUID());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(singleIssue(unknown).path("code").asText()).isEqualTo("not-found");
        assertThat(as("consultant").get(PATH + "/not-a-uuid").statusCode()).isEqualTo(404);
    }

    @Test
    void searchByUbrnAndByPatientNhsNumberGivesSearchsetBundles() {
        String ubrn = newUbrn();
        String nhsNumber = "9990000115";
        String body = sample("valid-routine-dermatology.json", ubrn).replace("9990000018", nhsNumber);
        String id = json(as("integration").post(PATH, FHIR_JSON, body)).path("id").asText();

        JsonNode byUbrn = json(as("consultant").get(PATH + "?identifier="
                + FhirClient.encode("https://fhir.nhs.uk/Id/UBRN|" + ubrn)));
        assertThat(byUbrn.path("resourceType").asText()).isEqualTo("Bundle");
        assertThat(byUbrn.path("type").asText()).isEqualTo("searchset");
        assertThat(byUbrn.path("total").asInt()).isEqualTo(1);
        assertThat(byUbrn.path("entry").get(0).path("fullUrl").asText()).endsWith(PATH + "/" + id);
        assertThat(byUbrn.path("entry").get(0).path("resource").path("id").asText()).isEqualTo(id);

        String typedByHand = as("consultant").rawGet(PATH + "?identifier=https://fhir.nhs.uk/Id/UBRN|" + ubrn);
        assertThat(typedByHand).as("a raw | as curl sends it").startsWith("HTTP/1.1 200").contains(id);

        for (String parameter : List.of("patient:identifier", "subject:identifier")) {
            JsonNode byPatient = json(as("integration").get(PATH + "?" + parameter + "="
                    + FhirClient.encode("https://fhir.nhs.uk/Id/nhs-number|" + nhsNumber)));
            assertThat(byPatient.path("total").asInt()).as(parameter).isEqualTo(1);
        }
        assertThat(json(as("consultant").get(PATH + "?identifier=" + FhirClient.encode("https://fhir.nhs.uk/Id/UBRN|999999999999")))
                .path("total").asInt()).isZero();
        assertThat(jdbc.queryForObject("select count(*) from audit_event where action = 'READ' and resource = ?",
                Integer.class, "ServiceRequest/" + id)).isEqualTo(4);

        HttpResponse<String> wrongNumber = as("consultant").get(PATH + "?patient:identifier="
                + FhirClient.encode("https://fhir.nhs.uk/Id/nhs-number|9990000116"));
        assertThat(wrongNumber.statusCode()).isEqualTo(422);
        assertThat(wrongNumber.body()).doesNotContain("9990000116");
        assertThat(as("consultant").get(PATH).statusCode()).isEqualTo(400);
    }

    // --- resubmission ---

    @Test
    void resubmissionNeedsIfMatchTheCurrentVersionAndTheRightState() {
        String ubrn = newUbrn();
        String body = sample("valid-routine-dermatology.json", ubrn);
        HttpResponse<String> created = as("integration").post(PATH, FHIR_JSON, body);
        String location = created.headers().firstValue("Location").orElseThrow();
        String etag = created.headers().firstValue("ETag").orElseThrow();
        String resubmission = body.replace("Please assess for psoriasis", "Now also nail pitting. Please assess for psoriasis");

        assertThat(as("integration").put(location, FHIR_JSON, resubmission).statusCode()).isEqualTo(428);
        assertThat(as("integration").put(location, FHIR_JSON, resubmission, "If-Match", "W/\"1\"").statusCode())
                .as("stale").isEqualTo(412);
        HttpResponse<String> wrongState = as("integration").put(location, FHIR_JSON, resubmission, "If-Match", etag);
        assertThat(wrongState.statusCode()).isEqualTo(409);
        assertThat(singleIssue(wrongState).path("diagnostics").asText()).contains("AWAITING_TRIAGE")
                .contains("REFERRER_TO_SUBMIT_FURTHER_INFORMATION");
        assertThat(as("patientexperience").put(location, FHIR_JSON, resubmission, "If-Match", etag).statusCode())
                .isEqualTo(403);

        states.triaged(ubrn, "request-information", "Any nail changes?",
                ReferralStates.REFERRER_TO_SUBMIT_FURTHER_INFORMATION);
        HttpResponse<String> waiting = as("integration").get(location);
        assertThat(extension(json(waiting), ReferralResources.STATE_EXTENSION).path("valueCoding").path("code").asText())
                .isEqualTo("REFERRER_TO_SUBMIT_FURTHER_INFORMATION");
        assertThat(extension(json(waiting), ReferralResources.TRIAGE_EXTENSION).toString()).contains("Any nail changes?");
        String current = waiting.headers().firstValue("ETag").orElseThrow();
        assertThat(current).isEqualTo("W/\"3\"");

        assertThat(as("integration").put(location, FHIR_JSON, resubmission, "If-Match", etag).statusCode())
                .as("the ETag from before triage is stale now").isEqualTo(412);
        HttpResponse<String> resubmitted = as("integration").put(location, FHIR_JSON, resubmission, "If-Match", current);

        assertThat(resubmitted.statusCode()).as(resubmitted.body()).isEqualTo(200);
        assertThat(resubmitted.headers().firstValue("ETag")).contains("W/\"4\"");
        JsonNode resource = json(resubmitted);
        assertThat(resource.path("note").get(0).path("text").asText()).contains("nail pitting");
        assertThat(extension(resource, ReferralResources.STATE_EXTENSION).path("valueCoding").path("code").asText())
                .isEqualTo("AWAITING_TRIAGE");
        assertThat(workflow.furtherInformation).anySatisfy(r -> {
            assertThat(r.ubrn()).isEqualTo(ubrn);
            assertThat(r.clinicalInformation()).contains("nail pitting");
        });
        assertThat(as("integration").put(location, FHIR_JSON, resubmission, "If-Match", current).statusCode())
                .as("replaying the same update").isEqualTo(412);
    }

    @Test
    void aResubmissionWithPreferReturnMinimalIsAnswered200WithTheNewETagButNoResource() {
        String ubrn = newUbrn();
        String body = sample("valid-routine-dermatology.json", ubrn);
        String location = as("integration").post(PATH, FHIR_JSON, body, "Prefer", "return=minimal").headers()
                .firstValue("Location").orElseThrow();
        states.triaged(ubrn, "request-information", "Any nail changes?",
                ReferralStates.REFERRER_TO_SUBMIT_FURTHER_INFORMATION);

        HttpResponse<String> resubmitted = as("integration").put(location, FHIR_JSON,
                body.replace("Please assess for psoriasis", "Now also nail pitting. Please assess for psoriasis"),
                "If-Match", "W/\"3\"", "Prefer", "return=minimal");

        assertThat(resubmitted.statusCode()).as(resubmitted.body()).isEqualTo(200);
        assertThat(resubmitted.body()).isEmpty();
        assertThat(resubmitted.headers().firstValue("ETag")).contains("W/\"4\"");
        assertThat(resubmitted.headers().firstValue("Preference-Applied")).contains("return=minimal");
        assertThat(jdbc.queryForObject("select clinical_information from referral where ubrn = ?", String.class, ubrn))
                .contains("nail pitting");
    }

    @Test
    void aResubmissionMustKeepItsUbrn() {
        String ubrn = newUbrn();
        HttpResponse<String> created = as("integration").post(PATH, FHIR_JSON, sample("valid-routine-dermatology.json", ubrn));
        states.state(ubrn, ReferralStates.REFERRER_TO_SUBMIT_FURTHER_INFORMATION);
        String location = created.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> answer = as("integration").put(location, FHIR_JSON,
                sample("valid-routine-dermatology.json", newUbrn()), "If-Match", "W/\"3\"");
        assertThat(answer.statusCode()).isEqualTo(400);
        assertQuarantined(answer);
    }

    // --- helpers ---

    static String newUbrn() {
        return Long.toString(UBRNS.incrementAndGet());
    }

    /** A sample with its own UBRN, so that tests do not meet each other's referrals. */
    static String sample(String name, String ubrn) {
        ObjectNode json = (ObjectNode) json(ServiceRequestMapperTest.sample(name));
        ((ObjectNode) json.path("identifier").get(0)).put("value", ubrn);
        return json.toString();
    }

    static JsonNode json(HttpResponse<String> response) {
        return json(response.body());
    }

    static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode extension(JsonNode resource, String url) {
        for (JsonNode extension : resource.path("extension")) {
            if (extension.path("url").asText().equals(url)) {
                return extension;
            }
        }
        throw new AssertionError("No extension " + url + " in " + resource);
    }

    static JsonNode singleIssue(HttpResponse<String> answer) {
        JsonNode outcome = json(answer);
        assertThat(outcome.path("resourceType").asText()).isEqualTo("OperationOutcome");
        assertThat(outcome.path("issue")).as(answer.body()).hasSize(1);
        return outcome.path("issue").get(0);
    }

    String assertQuarantined(HttpResponse<String> answer) {
        String id = answer.headers().firstValue(ReferralIntakeController.QUARANTINE_HEADER).orElseThrow();
        assertThat(answer.body()).contains(id);
        assertThat(jdbc.queryForObject("select count(*) from quarantined_input where id = ? and source = 'fhir-servicerequest'",
                Integer.class, id)).isEqualTo(1);
        return id;
    }

    int auditRows(String user, String action, String id) {
        return jdbc.queryForObject("select count(*) from audit_event where user_id = ? and action = ? and resource = ?",
                Integer.class, user, action, "ServiceRequest/" + id);
    }
}
