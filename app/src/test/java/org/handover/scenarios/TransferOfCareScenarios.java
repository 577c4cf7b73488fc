package org.handover.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import org.handover.HandoverApplication;
import org.handover.encounter.DischargeCancelled;
import org.handover.encounter.EncounterSetting;
import org.handover.encounter.PatientDischarged;
import org.handover.support.Http;
import org.handover.support.SandboxEnvironment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Transfer of care to the GP from end to end: a discharge published in a transaction (as the intake does), the ward
 * administrator completing the summary over the Camunda REST API, the ITK3 message travelling through the outbox,
 * Artemis and the Camel MESH route into the practice's mailbox in the MESH simulator, the practice's ITK response sent
 * from the sandbox, and the inbox poll correlating it back. Run on H2 and on PostgreSQL.
 */
@SpringBootTest(classes = HandoverApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {"handover.mesh.inbox-poll-interval=300", "handover.mesh.inbox-poll-delay=0"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class TransferOfCareScenarios {

    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final String NHS_NUMBER = "9990000018";

    abstract SandboxEnvironment environment();

    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    MeterRegistry meters;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theWardsSummaryReachesTheGpAndTheGpsAcknowledgementCompletesIt() {
        String episode = "EP-TOC-0001";
        discharge(episode, "A81001", true);
        discharge(episode, "A81001", true); // a repeated event starts nothing new

        Http ward = as("wardadmin");
        JsonNode task = awaitOneTask(ward, episode, "UserTask_CompleteDischargeSummary");
        assertThat(task.path("name").asText()).isEqualTo("Complete discharge summary: Ada Lovelace (Ward 7)");
        assertThat(task.path("due").asText()).isNotBlank();
        String taskId = task.path("id").asText();
        JsonNode variables = ward.getJson("/engine-rest/task/" + taskId + "/variables");
        assertThat(variables.path("dischargeDetails").path("value").asText()).contains("**NHS number:** 999 000 0018",
                "**Consultant:** Dr Grace Hopper", "**Ward:** Ward 7", "**Discharged:** ");
        assertThat(variables.fieldNames()).toIterable().as("the variables the model and the forms need, no copies")
                .containsExactlyInAnyOrder("episodeId", "nhsNumber", "patientName", "ward", "dischargeDetails",
                        "gpPracticeOds", "slaWarningAt", "slaBreachAt", "escalationGroup", "summaryComplete",
                        "resultsPending", "taskNhsNumber", "taskPatientName", "taskWardOrSpecialty", "taskPriority");
        assertThat(as("socialcare").get("/engine-rest/task?processInstanceBusinessKey=" + episode
                + "&taskDefinitionKey=UserTask_CompleteDischargeSummary").body()).isEqualTo("[]");
        assertHistoryRemovedTenYearsAfterTheStart(episode, true);

        HttpResponse<String> incomplete = ward.post("/engine-rest/task/" + taskId + "/complete",
                "{\"variables\":{\"diagnoses\":{\"value\":\"Pneumonia\"}}}");
        assertThat(incomplete.statusCode()).isGreaterThanOrEqualTo(400);
        assertThat(incomplete.body()).contains("missing: gpActions, clinicalSummary");
        assertThat(ward.post("/engine-rest/task/" + taskId + "/complete", summaryForm("no")).statusCode())
                .isEqualTo(204);

        JsonNode message = awaitGpMessage("A81001OT001", episode, "Inpatient discharge summary");
        assertThat(message.path("workflowId").asText()).isEqualTo("TOC_FHIR_IP_DISCH");
        assertThat(message.path("from").asText()).isEqualTo("RX1OT001");
        JsonNode bundle = Http.parse(message.path("body").asText());
        assertThat(bundle.path("type").asText()).isEqualTo("message");
        assertThat(bundle.path("entry").get(0).path("resource").path("event").path("code").asText()).isEqualTo("ITK003D");
        assertThat(message.path("body").asText()).contains("Check U&amp;Es in 1 week", "Amoxicillin");

        respondAsGp("A81001OT001", message, "business", true);

        awaitCompleted(episode);
        assertHistoryRemovedTenYearsAfterTheStart(episode, false);
        JsonNode view = ward.getJson("/api/discharge/episodes/" + episode);
        assertThat(view.path("status").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(view.path("messages").get(0).path("response").asText()).isEqualTo("BUSINESS_ACK");
        assertThat(view.path("patientCopy").path("channel").asText()).isEqualTo("letter");
        assertThat(view.path("patientCopy").path("letter").asText()).contains("Dear Ada Lovelace",
                "What we have asked your GP to do", "Check U&Es in 1 week");
        assertThat(as("socialcare").get("/api/discharge/episodes/" + episode).statusCode()).isEqualTo(403);

        JsonNode sla = as("dischargelead").getJson("/api/discharge/sla?month=" + YearMonth.now(ZoneId.of("Europe/London")));
        assertThat(sla.path("lines").toString()).contains("\"ward\":\"Ward 7\"", "\"specialty\":\"Geriatric medicine\"");
        assertThat(sla.path("overall").path("withinStandard").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(meters.find("handover.toc.summaries.received").tag("ward", "Ward 7").tag("within_24h", "true")
                .counter()).isNotNull();
        assertThat(as("infogov").getJson("/api/audit?nhsNumber=" + NHS_NUMBER).toString())
                .contains("Discharge summary completed by Dr Ann Smith, FY2");
    }

    @Test
    void aNegativeAcknowledgementAsksTheWardAndAResendToTheRightPracticeIsAcknowledged() {
        String episode = "EP-TOC-0002";
        Http integration = as("integration");
        HttpResponse<String> early = integration.post("/api/discharge/episodes/" + episode + "/summary",
                summaryJson(NHS_NUMBER, false));
        assertThat(early.statusCode()).as(early.body()).isEqualTo(202);
        discharge(episode, "A81001", false);

        JsonNode first = awaitGpMessage("A81001OT001", episode, "Inpatient discharge summary");
        assertThat(as("wardadmin").get("/engine-rest/task?processInstanceBusinessKey=" + episode
                + "&taskDefinitionKey=UserTask_CompleteDischargeSummary").body())
                .as("the summary came from upstream: no task").isEqualTo("[]");

        respondAsGp("A81001OT001", first, "business", false);

        Http ward = as("wardadmin");
        JsonNode resolve = awaitOneTask(ward, episode, "UserTask_ResolveGpDelivery");
        assertThat(ward.getJson("/engine-rest/task/" + resolve.path("id").asText() + "/variables")
                .path("deliveryProblem").path("value").asText()).contains("refused", "30002");
        assertThat(ward.post("/engine-rest/task/" + resolve.path("id").asText() + "/complete", """
                {"variables":{"resolution":{"value":"resend"},"gpPracticeOds":{"value":"A81002"}}}""").statusCode())
                .isEqualTo(204);

        JsonNode second = awaitGpMessage("A81002OT001", episode, "Inpatient discharge summary");
        respondAsGp("A81002OT001", second, "infrastructure", true);
        respondAsGp("A81002OT001", second, "business", true);
        awaitCompleted(episode);
        JsonNode view = ward.getJson("/api/discharge/episodes/" + episode);
        assertThat(view.path("summarySource").asText()).isEqualTo("UPSTREAM");
        assertThat(view.path("messages").get(0).path("response").asText()).isEqualTo("NEGATIVE_ACK");
        assertThat(view.path("messages").get(1).path("gpMailbox").asText()).isEqualTo("A81002OT001");
        assertThat(view.path("messages").get(1).path("response").asText()).isEqualTo("BUSINESS_ACK");
    }

    @Test
    void aPracticeWithoutAMailboxIsResolvedByTheWard() {
        String episode = "EP-TOC-0003";
        discharge(episode, "Z99999", false);
        Http ward = as("wardadmin");
        JsonNode summary = awaitOneTask(ward, episode, "UserTask_CompleteDischargeSummary");
        assertThat(ward.post("/engine-rest/task/" + summary.path("id").asText() + "/complete", summaryForm("no"))
                .statusCode()).isEqualTo(204);

        JsonNode resolve = awaitOneTask(ward, episode, "UserTask_ResolveGpDelivery");
        assertThat(resolve.path("name").asText()).isEqualTo("Resolve GP delivery problem: Ada Lovelace (Z99999)");
        String id = resolve.path("id").asText();
        assertThat(ward.getJson("/engine-rest/task/" + id + "/variables").path("deliveryProblem").path("value").asText())
                .contains("Z99999 has no MESH mailbox for TOC_FHIR_IP_DISCH");
        assertThat(ward.post("/engine-rest/task/" + id + "/complete", """
                {"variables":{"resolution":{"value":"deliveredOtherwise"}}}""").body()).contains("resolutionNote");
        assertThat(ward.post("/engine-rest/task/" + id + "/complete", """
                {"variables":{"resolution":{"value":"deliveredOtherwise"},
                 "resolutionNote":{"value":"Secure email to the practice manager"}}}""").statusCode()).isEqualTo(204);
        awaitCompleted(episode);
        assertThat(ward.getJson("/api/discharge/episodes/" + episode).path("status").asText())
                .isEqualTo("DELIVERED_OTHERWISE");
    }

    @Test
    void pendingResultsFollowAsAnAddendumAndACancellationLaterTellsTheGp() {
        String episode = "EP-TOC-0004";
        discharge(episode, "A81001", false);
        Http integration = as("integration");
        HttpResponse<String> atDischarge = integration.post("/api/discharge/episodes/" + episode + "/summary",
                summaryJson(NHS_NUMBER, true));
        assertThat(atDischarge.statusCode()).as(atDischarge.body()).isEqualTo(200);
        assertThat(atDischarge.body()).contains("summary task was completed");

        JsonNode summary = awaitGpMessage("A81001OT001", episode, "Inpatient discharge summary");
        assertThat(integration.post("/api/discharge/episodes/" + episode + "/results",
                "{\"results\":\"too early\"}").statusCode()).isEqualTo(409);
        respondAsGp("A81001OT001", summary, "business", true);
        await().atMost(PATIENCE).until(() -> as("admin").getJson("/engine-rest/execution?businessKey=" + episode
                + "&activityId=ReceiveTask_ResultsArrived").size() == 1);

        HttpResponse<String> results = integration.post("/api/discharge/episodes/" + episode + "/results",
                "{\"results\":\"Blood cultures: no growth at 5 days.\"}");
        assertThat(results.statusCode()).as(results.body()).isEqualTo(202);
        JsonNode addendum = awaitGpMessage("A81001OT001", episode, "Inpatient discharge summary: results addendum");
        assertThat(addendum.path("body").asText()).contains("Blood cultures: no growth at 5 days.", "appends");
        respondAsGp("A81001OT001", addendum, "business", true);
        awaitCompleted(episode);

        transaction.executeWithoutResult(status -> events.publishEvent(
                new DischargeCancelled(episode, NHS_NUMBER, Instant.now(), "A13: discharge entered in error")));
        JsonNode notice = awaitGpMessage("A81001OT001", episode,
                "Inpatient discharge summary withdrawn: discharge cancelled");
        assertThat(notice.path("body").asText()).contains("entered-in-error", "A13: discharge entered in error");
        assertThat(as("wardadmin").getJson("/api/discharge/episodes/" + episode).path("status").asText())
                .isEqualTo("CANCELLED");
    }

    @Test
    void aCancellationWhileWaitingForTheGpWithdrawsAndTellsThePractice() {
        String episode = "EP-TOC-0005";
        discharge(episode, "A81002", false);
        HttpResponse<String> posted = as("integration").post("/api/discharge/episodes/" + episode + "/summary",
                summaryJson(NHS_NUMBER, false));
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
        awaitGpMessage("A81002OT001", episode, "Inpatient discharge summary");

        transaction.executeWithoutResult(status -> events.publishEvent(
                new DischargeCancelled(episode, NHS_NUMBER, Instant.now(), "A11: admission cancelled")));

        awaitGpMessage("A81002OT001", episode, "Inpatient discharge summary withdrawn: discharge cancelled");
        awaitCompleted(episode);
        assertThat(as("admin").get("/engine-rest/task?processInstanceBusinessKey=" + episode).body()).isEqualTo("[]");
    }

    @Test
    void aMeshErrorReportAsksTheWardToResolveTheDelivery() {
        // A stale directory entry: the practice's cached mailbox no longer exists at MESH, which accepts the message
        // and reports the routing failure later in the trust's inbox.
        jdbc.update("insert into gp_mailbox_lookup (ods_code, workflow_id, mailbox_id, looked_up_at) values "
                + "('C84001', 'TOC_FHIR_IP_DISCH', 'C84001OT999', ?)", java.sql.Timestamp.from(Instant.now()));
        String episode = "EP-TOC-0006";
        discharge(episode, "C84001", false);
        assertThat(as("integration").post("/api/discharge/episodes/" + episode + "/summary",
                summaryJson(NHS_NUMBER, false)).statusCode()).isEqualTo(200);

        Http ward = as("wardadmin");
        JsonNode resolve = awaitOneTask(ward, episode, "UserTask_ResolveGpDelivery");
        assertThat(ward.getJson("/engine-rest/task/" + resolve.path("id").asText() + "/variables")
                .path("deliveryProblem").path("value").asText())
                .isEqualTo("MESH could not deliver the message: EPL-151 No mailbox matched");
        JsonNode view = ward.getJson("/api/discharge/episodes/" + episode);
        assertThat(view.path("messages").get(0).path("response").asText()).isEqualTo("ERROR_REPORT");
        assertThat(jdbc.queryForObject("select count(*) from outbox_message where correlation_key = ? and status = "
                + "'UNDELIVERABLE'", Integer.class, episode)).isEqualTo(1);
    }

    @Test
    void badSummariesAreRefusedWithEveryProblemAndQuarantined() {
        Http integration = as("integration");
        HttpResponse<String> incomplete = integration.post("/api/discharge/episodes/EP-TOC-BAD/summary",
                "{\"nhsNumber\":\"9990000019\",\"diagnoses\":[\"Pneumonia\"]}");
        assertThat(incomplete.statusCode()).isEqualTo(400);
        assertThat(incomplete.body()).contains("nhsNumber must be a 10-digit NHS number with a valid check digit",
                "gpActions needs at least one entry", "completedBy is required", "quarantineId");
        assertThat(integration.post("/api/discharge/episodes/EP-TOC-BAD/summary", "{not json").statusCode())
                .isEqualTo(400);
        assertThat(as("wardadmin").post("/api/discharge/episodes/EP-TOC-BAD/summary",
                summaryJson(NHS_NUMBER, false)).statusCode()).isEqualTo(403);
        assertThat(as("dischargelead").get("/api/discharge/sla?month=2026-13").statusCode()).isGreaterThanOrEqualTo(400);
    }

    private void discharge(String episode, String gpPractice, boolean patientCopy) {
        PatientDischarged discharged = new PatientDischarged(episode, NHS_NUMBER, "Ada", "Lovelace",
                LocalDate.of(1941, 3, 2), "1 High Street, Stockport", "SK7 1AB", "+447700900123", gpPractice, "RX1",
                "Ward 7", "Geriatric medicine", Instant.now().minusSeconds(5 * 86_400), Instant.now(),
                EncounterSetting.INPATIENT, "Dr Grace Hopper", patientCopy, null);
        transaction.executeWithoutResult(status -> events.publishEvent(discharged));
    }

    private static String summaryForm(String resultsPending) {
        return """
                {"variables":{"gpActions":{"value":"Check U&Es in 1 week\\nReview blood pressure"},
                 "diagnoses":{"value":"Community-acquired pneumonia"},"procedures":{"value":""},
                 "clinicalSummary":{"value":"Treated with IV then oral antibiotics; recovered well."},
                 "medications":{"value":"Amoxicillin 500 mg three times a day - STARTED: 3 more days"},
                 "allergies":{"value":"No known allergies"},"patientInformation":{"value":"Pneumonia leaflet"},
                 "resultsPending":{"value":"%s"},"completedBy":{"value":"Dr Ann Smith, FY2"}}}""".formatted(resultsPending);
    }

    private static String summaryJson(String nhsNumber, boolean resultsPending) {
        return """
                {"nhsNumber":"%s","gpActions":["Check U&Es in 1 week"],"diagnoses":["Community-acquired pneumonia"],
                 "clinicalSummary":"Treated with antibiotics.","medications":["Clarithromycin 500 mg BD - STARTED"],
                 "allergies":["Penicillin: rash"],"patientInformation":"Leaflet given","resultsPending":%s,
                 "completedBy":"Dr Ann Smith, FY2 (EPR)"}""".formatted(nhsNumber, resultsPending);
    }

    private void respondAsGp(String mailbox, JsonNode message, String type, boolean positive) {
        HttpResponse<String> answer = as("admin").post("/sandbox/api/gp-mailboxes/" + mailbox + "/messages/"
                + message.path("id").asText() + "/itk-response", "{\"type\":\"%s\",\"positive\":%s}".formatted(type,
                positive));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    }

    private JsonNode awaitGpMessage(String mailbox, String episode, String subject) {
        return await().atMost(PATIENCE).until(() -> {
            for (JsonNode box : as("admin").getJson("/sandbox/api/gp-mailboxes?limit=500")) {
                if (!box.path("mailbox").asText().equals(mailbox)) {
                    continue;
                }
                for (JsonNode m : box.path("messages")) {
                    if (subject.equals(m.path("subject").asText()) && m.path("body").asText().contains(episode)) {
                        return m;
                    }
                }
            }
            return null;
        }, m -> m != null);
    }

    private void awaitCompleted(String episode) {
        await().atMost(PATIENCE).until(() -> {
            JsonNode history = as("admin").getJson("/engine-rest/history/process-instance?processDefinitionKey="
                    + "TransferOfCare&processInstanceBusinessKey=" + episode);
            return history.size() >= 1 && history.get(history.size() - 1).path("state").asText().equals("COMPLETED");
        });
    }

    private Http as(String user) {
        return Http.as(environment().baseUrl(), user);
    }

    private static JsonNode awaitOneTask(Http user, String episode, String taskKey) {
        return await().atMost(PATIENCE).until(() -> {
            JsonNode tasks = user.getJson("/engine-rest/task?processInstanceBusinessKey=" + episode
                    + "&taskDefinitionKey=" + taskKey);
            return tasks.size() == 1 ? tasks.get(0) : null;
        }, task -> task != null);
    }

    /**
     * History gets its removal time as it is written, the process's time to live after its start (decision 0009), so
     * nothing is updated when the process ends; the wards' READ grant on the case carries the same. Copies of the
     * discharge and of the summary, which the transfer-of-care record holds, get no variable history.
     */
    private void assertHistoryRemovedTenYearsAfterTheStart(String episode, boolean running) {
        var instance = jdbc.queryForMap("select ID_, START_TIME_, REMOVAL_TIME_ from ACT_HI_PROCINST"
                + " where BUSINESS_KEY_ = ? and PROC_DEF_KEY_ = 'TransferOfCare'", episode);
        Instant started = ((java.sql.Timestamp) instance.get("START_TIME_")).toInstant();
        java.sql.Timestamp removal = (java.sql.Timestamp) instance.get("REMOVAL_TIME_");
        assertThat(removal).as("removal time set at the start").isNotNull();
        assertThat(Duration.between(started, removal.toInstant())).isEqualTo(Duration.ofDays(3650));
        assertThat(jdbc.queryForObject("select count(*) from ACT_HI_ACTINST where ROOT_PROC_INST_ID_ = ?"
                + " and (REMOVAL_TIME_ is null or REMOVAL_TIME_ <> ?)", Integer.class, instance.get("ID_"), removal))
                .isZero();
        assertThat(jdbc.queryForList("select ACT_ID_ from ACT_HI_ACTINST where PROC_INST_ID_ = ?", String.class,
                instance.get("ID_"))).as("activity history of the ward's work only (decision 0011)")
                .containsExactly("UserTask_CompleteDischargeSummary");
        if (!running) {
            assertThat(jdbc.queryForMap("select START_ACT_ID_, END_ACT_ID_, END_TIME_ from ACT_HI_PROCINST where ID_ = ?",
                    instance.get("ID_"))).as("the process's own history keeps how it started and ended")
                    .containsEntry("START_ACT_ID_", "StartEvent_PatientDischarged")
                    .containsEntry("END_ACT_ID_", "EndEvent_TransferComplete").doesNotContainEntry("END_TIME_", null);
            assertThat(jdbc.queryForObject("select count(*) from ACT_HI_ACTINST where PROC_INST_ID_ = ?"
                    + " and END_TIME_ is not null and DURATION_ is not null", Integer.class, instance.get("ID_")))
                    .as("the completed task's activity ended").isOne();
            assertThat(jdbc.queryForList("select NAME_ from ACT_HI_VARINST where PROC_INST_ID_ = ?", String.class,
                    instance.get("ID_"))).as("decisions keep their history, copies of the record get none")
                    .contains("completedBy", "resultsPending", "slaBreachAt", "awaitingMessageId")
                    .doesNotContain("patientName", "dischargeDetails", "gpActions", "diagnoses", "messageValid",
                            "gpMailboxFound", "taskPatientName", "taskNhsNumber");
        }
        if (running) {
            assertThat(jdbc.queryForObject("select count(*) from ACT_RU_AUTHORIZATION where RESOURCE_ID_ = ?"
                    + " and GROUP_ID_ = 'ward-admins' and REMOVAL_TIME_ = ?", Integer.class, instance.get("ID_"),
                    removal)).as("the ward's READ grant on the case").isOne();
        }
    }
}
