package org.handover.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.camunda.bpm.engine.HistoryService;
import org.handover.HandoverApplication;
import org.handover.encounter.ContinuingCareNeedFlagged;
import org.handover.encounter.DischargeCancelled;
import org.handover.encounter.DischargeFacts;
import org.handover.encounter.EncounterSetting;
import org.handover.encounter.Mobility;
import org.handover.encounter.PatientDischarged;
import org.handover.support.Http;
import org.handover.support.SandboxEnvironment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Social care on discharge from end to end: a discharge event published in a transaction (as the transfer-of-care
 * intake does), the discharge coordinator and the council's social care team working through the Camunda REST API,
 * and the council's mail as the sandbox SMTP server (GreenMail) received it. Run on H2 and on PostgreSQL.
 */
@SpringBootTest(classes = HandoverApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@Import(DischargeToAssessScenarios.ContinuingCareFlags.class)
abstract class DischargeToAssessScenarios {

    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final String MOBILE = "+447700900123";

    abstract SandboxEnvironment environment();

    @TestConfiguration
    static class ContinuingCareFlags {
        final List<ContinuingCareNeedFlagged> flagged = new CopyOnWriteArrayList<>();

        @EventListener
        public void flagged(ContinuingCareNeedFlagged event) {
            flagged.add(event);
        }
    }

    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    ContinuingCareFlags continuingCare;
    @Autowired
    HistoryService historyService;

    @Test
    void aPathwayOnePatientsCouncilIsToldByMailAndAcknowledges() {
        String episode = "EP-D2A-0001";
        DischargeFacts facts = new DischargeFacts(true, true, false, Mobility.WITH_AID, false, false, true);
        discharge(episode, "SK7 1AB", facts);
        discharge(episode, "SK7 1AB", facts); // a repeated event starts nothing new (awaitOneTask wants exactly one)

        // The coordinator sees the rules' proposal and confirms it over the REST API
        Http coordinator = as("dischargecoordinator");
        JsonNode confirm = coordinator.awaitOneTask(episode, "UserTask_ConfirmPathway");
        JsonNode variables = coordinator.getJson("/engine-rest/task/" + confirm.path("id").asText() + "/variables");
        assertThat(variables.path("proposedPathway").path("value").asText()).isEqualTo("1");
        assertThat(variables.path("pathwayReason").path("value").asText())
                .isEqualTo("Pathway 1 (home with new support): needs support at home, lived alone");
        assertThat(variables.path("rulesFired").path("value").asText()).contains("NewSupportAtHome");
        assertThat(variables.path("councilCode").path("value").asText()).isEqualTo("LA-STOCKPORT");
        assertThat(variables.path("dischargeDetails").path("value").asText()).contains("**NHS number:** 999 000 0018",
                "- Lived alone: yes", "- Mobility: with aid");
        assertThat(variables.fieldNames()).toIterable().as("no copy of the discharge beyond the forms' text")
                .doesNotContain("nhsNumberFormatted", "patientBirthDate", "postcode", "discharged", "factsSummary");
        assertThat(as("socialcare").get("/engine-rest/task?processInstanceBusinessKey=" + episode).body())
                .as("the council sees nothing before the coordinator confirms").isEqualTo("[]");
        assertThat(coordinator.post("/engine-rest/task/" + confirm.path("id").asText() + "/complete",
                "{\"variables\":{\"pathway\":{\"value\":\"1\"}}}").statusCode()).isEqualTo(204);

        // Stockport's secure mailbox: a readable body and the structured notice, without what Stockport may not see
        JsonNode mail = awaitMail("stockport", episode);
        assertThat(mail.path("council").asText()).isEqualTo("LA-STOCKPORT");
        assertThat(mail.path("subject").asText()).isEqualTo("Discharge to Assess: Pathway 1 notice, episode " + episode)
                .doesNotContain("Lovelace");
        assertThat(mail.path("body").asText()).contains("Patient: Ada Lovelace", "NHS number: 999 000 0018",
                "Pathway: 1: home with new support", "Address: 1 High Street, Stockport", "Please acknowledge by")
                .doesNotContain(MOBILE).doesNotContain("Specialty").doesNotContain("Admitted");
        String fileName = "discharge-notice-" + episode + ".json";
        assertThat(mail.path("attachments").get(0).asText()).isEqualTo(fileName);
        HttpResponse<String> attachment = as("admin").get("/sandbox/api/council-mail/" + mail.path("id").asText()
                + "/attachments/" + fileName);
        assertThat(attachment.statusCode()).isEqualTo(200);
        assertThat(attachment.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/json"));
        JsonNode notice = Http.parse(attachment.body());
        assertThat(notice.path("type").asText()).isEqualTo("DischargeToAssessNotice");
        assertThat(notice.path("episodeId").asText()).isEqualTo(episode);
        assertThat(notice.path("pathway").path("number").asInt()).isEqualTo(1);
        assertThat(notice.path("patient").path("nhsNumber").asText()).isEqualTo("9990000018");
        assertThat(notice.path("patient").path("postcode").asText()).isEqualTo("SK7 1AB");
        assertThat(notice.path("patient").has("mobile")).isFalse();
        assertThat(notice.path("stay").has("specialty")).isFalse();
        assertThat(notice.path("stay").has("admittedAt")).isFalse();
        assertThat(attachment.body()).doesNotContain(MOBILE).doesNotContain("Geriatric medicine");

        // Only Stockport's team sees the acknowledgement task; Leeds does not, even by id
        Http stockport = as("socialcare");
        JsonNode acknowledge = stockport.awaitOneTask(episode, "UserTask_AcknowledgeNotification");
        assertThat(acknowledge.path("due").asText()).isNotBlank();
        String taskId = acknowledge.path("id").asText();
        Http leeds = as("socialcareleeds");
        assertThat(leeds.get("/engine-rest/task?processInstanceBusinessKey=" + episode).body()).isEqualTo("[]");
        assertThat(leeds.get("/engine-rest/task/" + taskId).statusCode()).isIn(403, 404);
        assertThat(leeds.post("/engine-rest/task/" + taskId + "/complete", "{}").statusCode()).isIn(403, 404, 500);
        JsonNode councilView = stockport.getJson("/engine-rest/task/" + taskId + "/variables");
        assertThat(councilView.has("dischargeDetails")).as("hospital-only variables are gone").isFalse();
        assertThat(councilView.has("rulesFired")).isFalse();
        assertThat(councilView.path("noticeSummary").path("value").asText()).contains("Ada Lovelace")
                .doesNotContain(MOBILE);

        assertThat(stockport.post("/engine-rest/task/" + taskId + "/complete",
                "{\"variables\":{\"councilReference\":{\"value\":\"SC-2026-77\"}}}").statusCode()).isEqualTo(204);

        JsonNode history = as("admin").getJson("/engine-rest/history/process-instance?processInstanceBusinessKey="
                + episode);
        assertThat(history.get(0).path("state").asText()).isEqualTo("COMPLETED");
        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(history.get(0).path("id")
                .asText()).singleResult().getEndActivityId()).isEqualTo("EndEvent_NotificationAcknowledged");
        assertThat(as("admin").getJson("/engine-rest/history/activity-instance?processInstanceId="
                + history.get(0).path("id").asText()).findValuesAsText("activityType"))
                .as("activity history of people's work only (decision 0011)").isNotEmpty().containsOnly("userTask");
        assertThat(as("admin").getJson("/engine-rest/history/variable-instance?includeDeleted=true&processInstanceId="
                + history.get(0).path("id").asText()).findValuesAsText("name"))
                .as("decisions keep their history, copies of the discharge record get none (decision 0009)")
                .contains("proposedPathway", "pathway", "councilCode", "councilReference")
                .doesNotContain("patientName", "dischargeDetails", "taskPatientName");
        assertThat(as("infogov").getJson("/api/audit?nhsNumber=9990000018").toString())
                .contains("confirmed as proposed").contains("acknowledged, reference SC-2026-77");
    }

    @Test
    void aCancelledDischargeWithdrawsAndTellsTheNotifiedCouncil() {
        String episode = "EP-D2A-0002";
        discharge(episode, "LS6 2AB", new DischargeFacts(true, false, false, Mobility.BED_BOUND, false, true, true));
        Http coordinator = as("dischargecoordinator");
        JsonNode confirm = coordinator.awaitOneTask(episode, "UserTask_ConfirmPathway");
        assertThat(coordinator.getJson("/engine-rest/task/" + confirm.path("id").asText() + "/variables")
                .path("possibleChcNeed").path("value").asBoolean()).isTrue();
        assertThat(coordinator.post("/engine-rest/task/" + confirm.path("id").asText() + "/complete", "{}")
                .statusCode()).isEqualTo(204);
        assertThat(continuingCare.flagged).anySatisfy(flag -> {
            assertThat(flag.episodeId()).isEqualTo(episode);
            assertThat(flag.councilCode()).isEqualTo("LA-LEEDS");
            assertThat(flag.reason()).startsWith("Pathway 3 (new care-home placement) with mobility bed-bound");
        });
        awaitMail("leeds", episode);
        as("socialcareleeds").awaitOneTask(episode, "UserTask_AcknowledgeNotification");

        transaction.executeWithoutResult(status -> events.publishEvent(
                new DischargeCancelled(episode, "9990000018", Instant.now(), "A13: discharge entered in error")));

        JsonNode cancellation = await().atMost(PATIENCE).until(() -> find(councilMail(), "leeds",
                "Discharge to Assess: CANCELLED, episode " + episode), mail -> mail != null);
        assertThat(cancellation.path("body").asText()).contains("A13: discharge entered in error");
        assertThat(cancellation.path("attachments").get(0).asText()).isEqualTo("discharge-cancellation-" + episode + ".json");
        assertThat(as("admin").get("/engine-rest/task?processInstanceBusinessKey=" + episode).body()).isEqualTo("[]");
        assertThat(as("admin").getJson("/engine-rest/history/process-instance?processInstanceBusinessKey=" + episode)
                .get(0).path("state").asText()).isEqualTo("COMPLETED");

        // Discharged again later (A03 after the A13): Discharge to Assess starts afresh
        discharge(episode, "LS6 2AB", new DischargeFacts(true, false, false, Mobility.WITH_AID, false, false, true));
        JsonNode again = coordinator.awaitOneTask(episode, "UserTask_ConfirmPathway");
        assertThat(coordinator.getJson("/engine-rest/task/" + again.path("id").asText() + "/variables")
                .path("proposedPathway").path("value").asText()).isEqualTo("1");
    }

    @Test
    void anUnknownPostcodeAsksTheCoordinatorForTheCouncilAndALateAcknowledgementIsChased() {
        String episode = "EP-D2A-0003";
        discharge(episode, "M14 5AA", new DischargeFacts(null, null, null, null, null, null, null));
        Http coordinator = as("dischargecoordinator");
        JsonNode confirm = coordinator.awaitOneTask(episode, "UserTask_ConfirmPathway");
        String id = confirm.path("id").asText();
        JsonNode variables = coordinator.getJson("/engine-rest/task/" + id + "/variables");
        assertThat(variables.path("proposedPathway").path("value").asText()).isEqualTo("review");
        assertThat(variables.path("councilKnown").path("value").asBoolean()).isFalse();

        HttpResponse<String> noReason = coordinator.post("/engine-rest/task/" + id + "/complete",
                "{\"variables\":{\"pathway\":{\"value\":\"2\"}}}");
        assertThat(noReason.statusCode()).isGreaterThanOrEqualTo(400);
        assertThat(noReason.body()).contains("Say why");
        HttpResponse<String> noCouncil = coordinator.post("/engine-rest/task/" + id + "/complete",
                "{\"variables\":{\"pathway\":{\"value\":\"2\"},\"pathwayChangeReason\":{\"value\":\"Physio: rehab bed\"}}}");
        assertThat(noCouncil.body()).contains("Pick the council");
        assertThat(coordinator.post("/engine-rest/task/" + id + "/complete", """
                {"variables":{"pathway":{"value":"2"},"pathwayChangeReason":{"value":"Physio: rehab bed"},
                 "councilCode":{"value":"LA-WORCESTERSHIRE"}}}""").statusCode()).isEqualTo(204);

        JsonNode mail = awaitMail("worcestershire", episode);
        assertThat(mail.path("body").asText()).contains("Pathway: 2: short-term bed-based rehabilitation")
                .contains("decided by the discharge coordinator: Physio: rehab bed").contains(MOBILE);
        Http worcestershire = as("socialcareworcs");
        JsonNode acknowledge = worcestershire.awaitOneTask(episode, "UserTask_AcknowledgeNotification");

        // The deadline passes (the timer job is run now): the discharge lead is asked to chase the council
        Http admin = as("admin");
        JsonNode timer = admin.getJson("/engine-rest/job?timers=true&processInstanceId="
                + acknowledge.path("processInstanceId").asText());
        assertThat(timer).hasSize(1);
        assertThat(admin.post("/engine-rest/job/" + timer.get(0).path("id").asText() + "/execute", "{}").statusCode())
                .isEqualTo(204);
        Http lead = as("dischargelead");
        JsonNode escalation = lead.awaitOneTask(episode, "UserTask_EscalateUnacknowledged");
        assertThat(escalation.path("name").asText()).isEqualTo("Council has not acknowledged: Ada Lovelace "
                + "(Worcestershire County Council)");
        assertThat(worcestershire.get("/engine-rest/task?processInstanceBusinessKey=" + episode
                + "&taskDefinitionKey=UserTask_EscalateUnacknowledged").body()).isEqualTo("[]");
        assertThat(lead.post("/engine-rest/task/" + escalation.path("id").asText() + "/complete", "{}").body())
                .contains("Record the action taken");
        assertThat(lead.post("/engine-rest/task/" + escalation.path("id").asText() + "/complete",
                "{\"variables\":{\"actionTaken\":{\"value\":\"Phoned the Worcestershire hub\"}}}").statusCode())
                .isEqualTo(204);

        assertThat(worcestershire.post("/engine-rest/task/" + acknowledge.path("id").asText() + "/complete", "{}")
                .statusCode()).isEqualTo(204);
        assertThat(admin.getJson("/engine-rest/history/process-instance?processInstanceBusinessKey=" + episode)
                .get(0).path("state").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void administratorsChangeTheCouncilDirectoryAsNewAuditedVersions() {
        Http admin = as("admin");
        JsonNode current = admin.getJson("/api/admin/social-care/councils");
        assertThat(current.path("councils").toString()).contains("\"LA-STOCKPORT\"", "\"LA-WORCESTERSHIRE\"",
                "\"LA-LEEDS\"");
        assertThat(current.path("postcodeAreas").toString()).contains("\"DY\"");
        assertThat(as("socialcare").get("/api/admin/social-care/councils").statusCode()).isEqualTo(403);

        String councils = current.path("councils").toString();
        HttpResponse<String> unknownCouncil = admin.put("/api/admin/social-care/councils", """
                {"councils":%s,"postcodeAreas":[{"prefix":"HX","councilCode":"LA-CALDERDALE"}],"changeNote":"x"}
                """.formatted(councils));
        assertThat(unknownCouncil.statusCode()).isEqualTo(400);
        assertThat(unknownCouncil.body()).contains("LA-CALDERDALE");

        String areas = current.path("postcodeAreas").toString().replace("]", ",{\"prefix\":\"HX\",\"councilCode\":\"LA-LEEDS\"}]");
        HttpResponse<String> changed = admin.put("/api/admin/social-care/councils", """
                {"councils":%s,"postcodeAreas":%s,"changeNote":"Halifax patients go to the Leeds hub for now"}
                """.formatted(councils, areas));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        JsonNode version = Http.parse(changed.body());
        assertThat(version.path("version").asInt()).isEqualTo(current.path("version").asInt() + 1);
        assertThat(version.path("changedBy").asText()).isEqualTo("admin");
        assertThat(admin.getJson("/api/admin/social-care/councils/history").size()).isGreaterThanOrEqualTo(2);
    }

    /** A council on MESH gets the structured notice as the message; the sandbox trust mailbox stands in for it. */
    @Test
    void aCouncilOnMeshGetsTheNoticeAsTheMessage() {
        Http admin = as("admin");
        JsonNode current = admin.getJson("/api/admin/social-care/councils");
        ArrayNode councilList = (ArrayNode) current.path("councils");
        councilList.add(Http.parse("""
                {"code":"LA-WIGAN","name":"Wigan Council","channel":"MESH","address":"RX1OT001",
                 "meshWorkflowId":"DISCHARGE_TO_ASSESS","deadlineHours":48,"weekendDeadlineHours":72,
                 "allowedFields":["POSTCODE","SUPPORT_NEEDS"]}"""));
        String councils = councilList.toString();
        String areas = current.path("postcodeAreas").toString().replace("]", ",{\"prefix\":\"WN\",\"councilCode\":\"LA-WIGAN\"}]");
        assertThat(admin.put("/api/admin/social-care/councils", """
                {"councils":%s,"postcodeAreas":%s,"changeNote":"Wigan joins over MESH"}
                """.formatted(councils, areas)).statusCode()).isEqualTo(200);

        String episode = "EP-D2A-0004";
        discharge(episode, "WN1 1AA", new DischargeFacts(true, false, false, Mobility.WITH_AID, false, false, true));
        Http coordinator = as("dischargecoordinator");
        JsonNode confirm = coordinator.awaitOneTask(episode, "UserTask_ConfirmPathway");
        assertThat(coordinator.post("/engine-rest/task/" + confirm.path("id").asText() + "/complete", "{}")
                .statusCode()).isEqualTo(204);

        JsonNode message = await().atMost(PATIENCE).until(() -> {
            for (JsonNode mailbox : admin.getJson("/sandbox/api/gp-mailboxes?limit=500")) {
                for (JsonNode m : mailbox.path("messages")) {
                    if ("DISCHARGE_TO_ASSESS".equals(m.path("workflowId").asText())
                            && m.path("body").asText().contains(episode)) {
                        return m;
                    }
                }
            }
            return null;
        }, m -> m != null);
        assertThat(message.path("to").asText()).isEqualTo("RX1OT001");
        assertThat(message.path("fileName").asText()).isEqualTo("discharge-notice-" + episode + ".json");
        JsonNode notice = Http.parse(message.path("body").asText());
        assertThat(notice.path("council").path("code").asText()).isEqualTo("LA-WIGAN");
        assertThat(notice.path("patient").path("postcode").asText()).isEqualTo("WN1 1AA");
        assertThat(notice.path("patient").has("birthDate")).isFalse();
        assertThat(notice.path("patient").has("address")).isFalse();
        assertThat(message.path("body").asText()).doesNotContain(MOBILE);
    }

    private void discharge(String episode, String postcode, DischargeFacts facts) {
        PatientDischarged discharged = new PatientDischarged(episode, "9990000018", "Ada", "Lovelace",
                LocalDate.of(1941, 3, 2), "1 High Street, Stockport", postcode, MOBILE, "A81001", "RX1", "Ward 7",
                "Geriatric medicine", Instant.now().minusSeconds(5 * 86_400), Instant.now(), EncounterSetting.INPATIENT,
                "Dr Grace Hopper", false, facts);
        transaction.executeWithoutResult(status -> events.publishEvent(discharged));
    }

    private Http as(String user) {
        return Http.as(environment().baseUrl(), user);
    }


    private JsonNode awaitMail(String council, String episode) {
        return await().atMost(PATIENCE).until(() -> find(councilMail(), council,
                "Discharge to Assess: Pathway"), mail -> mail != null && mail.path("subject").asText().endsWith(episode));
    }

    private JsonNode councilMail() {
        return as("admin").getJson("/sandbox/api/council-mail?limit=500");
    }

    private static JsonNode find(JsonNode mails, String council, String subjectStart) {
        for (JsonNode mail : mails) {
            if (mail.path("to").asText().contains(council) && mail.path("subject").asText().startsWith(subjectStart)) {
                return mail;
            }
        }
        return null;
    }
}
