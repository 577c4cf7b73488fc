package org.handover.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.handover.HandoverApplication;
import org.handover.domain.NhsNumber;
import org.handover.domain.SyntheticData;
import org.handover.encounter.ContinuingCareNeedFlagged;
import org.handover.processes.chc.ChcFastTrackProcess;
import org.handover.processes.chc.ChcProcess;
import org.handover.support.Http;
import org.handover.support.SandboxEnvironment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * NHS Continuing Healthcare from end to end through the real entry points: a discharge flag (the Spring event the
 * discharge module publishes) opens a case; the CHC coordinator and the panel work the tasks over the Camunda REST
 * API; the decision letter arrives, PDF attached, in the council's mailbox (the GreenMail simulator) and the GP's
 * MESH inbox (the sandbox MESH simulator); the case history is readable by the CHC team only, and audited. Also the
 * REST referral (idempotent, validated), a negative Checklist, and the Tasklist start forms.
 */
@SpringBootTest(classes = HandoverApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {"handover.chc.gp-lookup-retry=1s", "handover.chc.gp-lookup-max-retry=2s"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class ContinuingHealthcareScenarios {

    private static String baseUrl;
    static final Duration PATIENCE = Duration.ofSeconds(40);
    static final SyntheticData PEOPLE = new SyntheticData(5005);
    /** Stockport's social care address in the council directory (the sandbox's default councils). */
    static final String COUNCIL_MAIL = "hospital.discharges@stockport.gov.uk.invalid";
    /** The MESH workflow the GP copies are looked up and sent for (application.yaml's default). */
    static final String GP_WORKFLOW = "GPFED_CONSULT_REPORT";

    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    JdbcTemplate jdbc;

    abstract SandboxEnvironment environment();

    @BeforeEach
    void baseUrl() {
        baseUrl = environment().baseUrl();
    }

    @Test
    void aDischargeFlagEndsInADecisionLetterAtTheCouncilAndTheGp() throws Exception {
        NhsNumber patient = PEOPLE.nhsNumber();
        ContinuingCareNeedFlagged flag = new ContinuingCareNeedFlagged("EP-" + patient.value(), patient.value(),
                "Margaret", "Okafor", LocalDate.of(1938, 5, 17), "SK4 2AB", "A81001", "LA-STOCKPORT", "Ward 7",
                "dischargecoordinator", "Pathway 3: new care-home placement", Instant.now());
        publish(flag);
        publish(flag); // the same episode again opens nothing new

        String caseId = awaitCase(patient);
        assertThat(as("admin").getJson("/engine-rest/process-instance?processDefinitionKey=" + ChcProcess.KEY
                + "&variables=nhsNumber_eq_" + patient.value())).hasSize(1);

        Http coordinator = as("chccoordinator");
        complete(coordinator, awaitTask(coordinator, caseId, ChcProcess.Elements.CHECKLIST), checklist("A", "C"));
        complete(coordinator, awaitTask(coordinator, caseId, ChcProcess.Elements.ARRANGE_ASSESSMENT), Map.of(
                "consentBasis", "consent", "assessmentDate", LocalDate.now().plusDays(3).toString(),
                "mdtMembers", "Jo Patel (nurse assessor), Chris Lee (social worker)",
                "advocateName", "Grace Okafor", "advocateRelationship", "daughter",
                "advocateEmail", "grace.okafor@example.invalid"));
        Map<String, Object> dst = dst("LOW");
        dst.put("dstBehaviour", "PRIORITY");
        complete(coordinator, awaitTask(coordinator, caseId, ChcProcess.Elements.DST), dst);

        Http panel = as("chcpanel");
        JsonNode decision = awaitTask(panel, caseId, ChcProcess.Elements.PANEL_DECISION);
        JsonNode variables = panel.getJson("/engine-rest/task/" + decision.path("id").asText() + "/variables");
        assertThat(variables.path("recommendation").path("value").asText()).isEqualTo("ELIGIBLE");
        assertThat(variables.path("recommendationRule").path("value").asText()).isEqualTo("OnePriorityNeed");
        complete(panel, decision, Map.of("panelDecision", "ratify"));
        awaitTask(coordinator, caseId, ChcProcess.Elements.ARRANGE_CARE);

        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode mail = mailTo(COUNCIL_MAIL, "NHS Continuing Healthcare: our decision");
            assertThat(mail).as("council mail").isNotNull();
            assertThat(mail.path("attachments").toString()).contains("ChcDecision-" + caseId + ".pdf");
            assertThat(mail.path("body").asText()).contains("you are eligible for NHS Continuing Healthcare")
                    .contains(patient.formatted());
            assertThat(mailTo("grace.okafor@example.invalid", "our decision")).as("advocate's copy").isNotNull();
            assertThat(mailTo("chc.referrals@icb.nhs.invalid", "positive Checklist")).as("ICB referral").isNotNull();
        });
        JsonNode gpMessage = await().atMost(PATIENCE).until(() -> gpMessage("A81001OT001", caseId, "our decision"),
                m -> m != null);
        assertThat(gpMessage.path("workflowId").asText()).isEqualTo(GP_WORKFLOW);
        String pdfText = pdfText(attachedPdf(gpMessage));
        assertThat(pdfText).contains("you are eligible for NHS Continuing Healthcare",
                "NHS number: " + patient.formatted(), "Dear Margaret Okafor", "If you disagree");

        HttpResponse<String> forbidden = as("patientexperience").get("/api/chc/cases/" + caseId);
        assertThat(forbidden.statusCode()).isEqualTo(403);
        JsonNode history = coordinator.getJson("/api/chc/cases/" + caseId);
        assertThat(history.path("case").path("status").asText()).isEqualTo("ELIGIBLE");
        assertThat(history.path("case").path("decidedWithinTarget").asBoolean()).isTrue();
        assertThat(kinds(history.path("timeline"))).contains("OPENED", "CHECKLIST", "REFERRED", "ASSESSMENT_ARRANGED",
                "DST", "DECISION", "LETTER");
        assertThat(kinds(history.path("documents"))).containsExactly("CHECKLIST", "DST", "ChcDecision");
        assertThat(history.path("decisions").toString()).contains("AInPriorityDomain", "OnePriorityNeed");
        assertThat(history.path("letters").toString()).contains("A81001OT001", COUNCIL_MAIL);
        assertThat(history.path("gpCopies").findValuesAsText("status")).containsOnly("SENT");
        String checklistHref = history.path("documents").get(0).path("href").asText();
        HttpResponse<String> pdf = as("chcpanel").get(checklistHref);
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");

        JsonNode audit = as("infogov").getJson("/api/audit?nhsNumber=" + patient.value());
        assertThat(audit.toString()).contains("chc-case/" + caseId, "READ", "chccoordinator", "chcpanel");
        assertThat(as("admin").getJson("/api/chc/metrics/within-28-days").path("decided").asLong()).isPositive();
    }

    @Test
    void theReferralApiIsIdempotentValidatedAndANegativeChecklistIsExplained() throws Exception {
        NhsNumber patient = PEOPLE.nhsNumber();
        // Wigan is not in the sandbox's council directory: its copy goes to the address the trust's pattern gives.
        String body = referral("REF-" + patient.value(), patient.value()).replace("LA-STOCKPORT", "LA-WIGAN");
        Http integration = as("integration");

        HttpResponse<String> created = integration.post("/api/chc/referrals", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String caseId = Http.parse(created.body()).path("caseId").asText();
        assertThat(created.headers().firstValue("Location")).hasValue("/api/chc/cases/" + caseId);
        HttpResponse<String> again = integration.post("/api/chc/referrals", body);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(Http.parse(again.body()).path("caseId").asText()).isEqualTo(caseId);

        HttpResponse<String> badNumber = integration.post("/api/chc/referrals", referral("REF-X1", "9990000027"));
        assertThat(badNumber.statusCode()).isEqualTo(422);
        assertThat(badNumber.body()).contains("nhsNumber is not a valid NHS number").contains("quarantineId");
        HttpResponse<String> incomplete = integration.post("/api/chc/referrals", """
                {"referralId": "REF-X2", "patient": {"nhsNumber": "9990000027", "birthDate": "next week"}}""");
        assertThat(incomplete.statusCode()).isEqualTo(400);
        assertThat(incomplete.body()).contains("patientName is required", "birthDate 'next week' is not a date",
                "gpPracticeOds is required", "referrer is required", "reason is required", "nhsNumber is not valid"
                        .replace("is not valid", "is not a valid NHS number"));
        assertThat(integration.post("/api/chc/referrals", "{not json").statusCode()).isEqualTo(400);
        assertThat(as("chccoordinator").post("/api/chc/referrals", body).statusCode()).isEqualTo(403);

        Http coordinator = as("chccoordinator");
        complete(coordinator, awaitTask(coordinator, caseId, ChcProcess.Elements.CHECKLIST), checklist("B", "C"));
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode mail = mailTo("continuing-care@la-wigan.council.invalid", "the result of your Checklist");
            assertThat(mail).isNotNull();
            assertThat(mail.path("body").asText()).contains("you do not need a full assessment now",
                    "ask the ICB's Continuing Healthcare team to reconsider");
            assertThat(gpMessage("A81001OT001", caseId, "the result of your Checklist")).isNotNull();
        });
        JsonNode history = coordinator.getJson("/api/chc/cases/" + caseId);
        assertThat(history.path("case").path("status").asText()).isEqualTo("CLOSED_CHECKLIST_NEGATIVE");
        assertThat(history.path("case").path("checklistRule").asText()).isEqualTo("BelowChecklistThresholds");
        assertThat(kinds(history.path("timeline"))).contains("LETTER_TO_POST");
    }

    @Test
    void theGpCopyGoesToTheMailboxTheLookupGivesOrIsPostedWhenThePracticeHasNone() {
        // The directory's answer for B82005 is another practice's mailbox: the copy must follow the lookup.
        jdbc.update("delete from gp_mailbox_lookup where ods_code = 'B82005' and workflow_id = ?", GP_WORKFLOW);
        jdbc.update("insert into gp_mailbox_lookup (ods_code, workflow_id, mailbox_id, looked_up_at) values "
                + "('B82005', ?, 'C84001OT001', ?)", GP_WORKFLOW, java.sql.Timestamp.from(Instant.now()));
        String lookedUp = negativeChecklistFor("B82005");
        String noMailbox = negativeChecklistFor("Z99999");
        Http coordinator = as("chccoordinator");

        JsonNode sent = await().atMost(PATIENCE).until(() -> gpMessage("C84001OT001", lookedUp,
                "the result of your Checklist"), m -> m != null);
        assertThat(sent.path("workflowId").asText()).isEqualTo(GP_WORKFLOW);
        assertThat(gpMessage("B82005OT001", lookedUp, "the result of your Checklist")).isNull();
        JsonNode copy = coordinator.getJson("/api/chc/cases/" + lookedUp).path("gpCopies").get(0);
        assertThat(copy.path("status").asText()).isEqualTo("SENT");
        assertThat(copy.path("mailbox").asText()).isEqualTo("C84001OT001");

        JsonNode posted = await().atMost(PATIENCE).until(() -> coordinator.getJson("/api/chc/cases/" + noMailbox),
                history -> history.path("gpCopies").path(0).path("status").asText().equals("TO_POST"));
        assertThat(posted.path("lettersToPost").findValuesAsText("summary")).anySatisfy(summary -> assertThat(summary)
                .contains("for GP practice Z99999 to print and post", "no MESH mailbox for " + GP_WORKFLOW));
        assertThat(posted.path("letters").toString()).doesNotContain("Z99999");
        assertThat(jdbc.queryForObject("select count(*) from outbox_message where correlation_key = ? and channel = "
                + "'gp'", Integer.class, noMailbox)).isZero();
    }

    @Test
    void aGpCopyWaitsWhileMeshLookupIsDownAndIsSentWhenMeshIsBack() {
        jdbc.update("delete from gp_mailbox_lookup where ods_code = 'Y00001' and workflow_id = ?", GP_WORKFLOW);
        Http admin = as("admin");
        assertThat(admin.post("/sandbox/api/faults", "{\"channel\":\"gp\",\"mode\":\"lookup-503\"}").statusCode())
                .isEqualTo(200);
        try {
            String caseId = negativeChecklistFor("Y00001");
            Http coordinator = as("chccoordinator");
            JsonNode waiting = await().atMost(PATIENCE).until(() -> coordinator.getJson("/api/chc/cases/" + caseId),
                    history -> history.path("gpCopies").path(0).path("failedAttempts").asInt() >= 2);
            JsonNode copy = waiting.path("gpCopies").get(0);
            assertThat(copy.path("status").asText()).isEqualTo("WAITING");
            assertThat(copy.path("lastError").asText()).contains("MESH endpoint lookup for Y00001", "503");
            assertThat(waiting.path("timeline").findValuesAsText("kind")).containsOnlyOnce("LETTER_WAITING");
            assertThat(jdbc.queryForObject("select count(*) from outbox_message where correlation_key = ? and "
                    + "channel = 'gp'", Integer.class, caseId)).isZero();

            admin.post("/sandbox/api/faults", "{\"channel\":\"gp\",\"mode\":\"none\"}");
            assertThat(await().atMost(PATIENCE).until(() -> gpMessage("Y00001OT001", caseId,
                    "the result of your Checklist"), m -> m != null)).isNotNull();
            JsonNode sent = coordinator.getJson("/api/chc/cases/" + caseId);
            assertThat(sent.path("gpCopies").get(0).path("status").asText()).isEqualTo("SENT");
            assertThat(sent.path("timeline").toString())
                    .contains("sent to GP practice Y00001 over MESH (Y00001OT001)");
        } finally {
            admin.post("/sandbox/api/faults", "{\"channel\":\"gp\",\"mode\":\"none\"}");
        }
    }

    @Test
    void theTasklistStartFormsOpenACaseAndRefuseABadNhsNumber() {
        NhsNumber patient = PEOPLE.nhsNumber();
        Http ward = as("dischargecoordinator");
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("nhsNumber", patient.formatted());
        form.put("patientName", "Dennis Hughes");
        form.put("patientBirthDate", "1944-02-29");
        form.put("gpPracticeOds", "B82005");
        form.put("councilCode", "LA-LEEDS");
        form.put("referralReason", "Needs two carers for every transfer since the fall");
        HttpResponse<String> started = ward.post("/engine-rest/process-definition/key/" + ChcProcess.KEY + "/start",
                variables(form));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        String caseId = Http.parse(started.body()).path("businessKey").asText();
        assertThat(caseId).isNotBlank();
        awaitTask(as("chccoordinator"), caseId, ChcProcess.Elements.CHECKLIST);

        form.put("nhsNumber", "999 000 0027");
        HttpResponse<String> refused = ward.post("/engine-rest/process-definition/key/" + ChcProcess.KEY + "/start",
                variables(form));
        assertThat(refused.statusCode()).isGreaterThanOrEqualTo(400);
        assertThat(refused.body()).contains("nhsNumber is not a valid NHS number");

        Map<String, Object> fastTrack = new LinkedHashMap<>(form);
        fastTrack.put("nhsNumber", PEOPLE.nhsNumber().value());
        fastTrack.remove("referralReason");
        fastTrack.put("clinicianName", "Dr Amara Nowak");
        fastTrack.put("clinicianRole", "Consultant in palliative medicine");
        fastTrack.put("rapidlyDeteriorating", true);
        fastTrack.put("fastTrackReason", "Metastatic cancer, prognosis of weeks");
        fastTrack.put("careNeeded", "Care at home four times a day with night sitting");
        fastTrack.put("preferredPlaceOfCare", "Own home");
        HttpResponse<String> fast = as("consultant").post("/engine-rest/process-definition/key/"
                + ChcFastTrackProcess.KEY + "/start", variables(fastTrack));
        assertThat(fast.statusCode()).as(fast.body()).isEqualTo(200);
        JsonNode accept = awaitTask(as("chccoordinator"), Http.parse(fast.body()).path("businessKey").asText(),
                ChcFastTrackProcess.Elements.ACCEPT);
        Instant due = Instant.parse(accept.path("due").asText().replaceFirst("(\\+|-)(\\d\\d)(\\d\\d)$", "$1$2:$3"));
        assertThat(Duration.between(Instant.now(), due)).isBetween(Duration.ofHours(47), Duration.ofHours(48));
    }

    @Test
    void deadlinesWarnAndABreachNeedsAReasonAndThePanelMayOverride() {
        NhsNumber patient = PEOPLE.nhsNumber();
        HttpResponse<String> created = as("integration").post("/api/chc/referrals",
                referral("REF-" + patient.value(), patient.value()));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String caseId = Http.parse(created.body()).path("caseId").asText();
        Http coordinator = as("chccoordinator");
        complete(coordinator, awaitTask(coordinator, caseId, ChcProcess.Elements.CHECKLIST), checklist("C", "B"));
        JsonNode arrange = awaitTask(coordinator, caseId, ChcProcess.Elements.ARRANGE_ASSESSMENT);
        assertThat(arrange.path("priority").asInt()).isEqualTo(50);

        runTimer(arrange.path("processInstanceId").asText(), ChcProcess.Elements.DAY_14_WARNING);
        assertThat(awaitTask(coordinator, caseId, ChcProcess.Elements.ARRANGE_ASSESSMENT).path("priority").asInt())
                .isEqualTo(80);
        runTimer(arrange.path("processInstanceId").asText(), ChcProcess.Elements.DAY_21_WARNING);
        runTimer(arrange.path("processInstanceId").asText(), ChcProcess.Elements.DAY_28_BREACH);
        JsonNode breach = awaitTask(coordinator, caseId, ChcProcess.Elements.EXPLAIN_BREACH);
        assertThat(coordinator.post("/engine-rest/task/" + breach.path("id").asText() + "/complete", "{}").body())
                .contains("Record why the decision was not made within 28 days");
        complete(coordinator, breach, Map.of("breachReason", "Waiting for the community nursing records"));

        complete(coordinator, arrange, Map.of("consentBasis", "best-interests", "bestInterestsDecision",
                "Lacks capacity (assessed 20 Nov); daughter and GP consulted", "assessmentDate",
                LocalDate.now().toString(), "mdtMembers", "Jo Patel (nurse), Chris Lee (social worker)"));
        complete(coordinator, awaitTask(coordinator, caseId, ChcProcess.Elements.DST), dst("MODERATE"));
        Http panel = as("chcpanel");
        JsonNode decision = awaitTask(panel, caseId, ChcProcess.Elements.PANEL_DECISION);
        complete(panel, decision, Map.of("panelDecision", "eligible", "panelReasons",
                "The moderate needs interact so that only skilled nursing can manage them safely"));

        JsonNode history = coordinator.getJson("/api/chc/cases/" + caseId);
        JsonNode c = history.path("case");
        assertThat(c.path("recommendation").asText()).isEqualTo("NOT_ELIGIBLE");
        assertThat(c.path("eligible").asBoolean()).isTrue();
        assertThat(c.path("recommendationChanged").asBoolean()).isTrue();
        assertThat(c.path("breached").asBoolean()).isTrue();
        assertThat(c.path("decidedWithinTarget").asBoolean()).isFalse();
        assertThat(c.path("breachReason").asText()).isEqualTo("Waiting for the community nursing records");
        assertThat(kinds(history.path("timeline"))).contains("WARNING", "BREACH", "BREACH_REASON");
        assertThat(history.path("timeline").toString()).contains("Day 14 of 28", "Day 21 of 28",
                "best-interests decision recorded", "changing the rules' recommendation");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(
                gpMessage("A81001OT001", caseId, "our decision")).isNotNull());
    }

    // ---- helpers

    /** A referred patient of this practice whose Checklist is negative: the completion must succeed at once. */
    private static String negativeChecklistFor(String practiceOds) {
        NhsNumber patient = PEOPLE.nhsNumber();
        HttpResponse<String> created = as("integration").post("/api/chc/referrals",
                referral("REF-" + patient.value(), patient.value()).replace("\"A81001\"", "\"" + practiceOds + "\""));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String caseId = Http.parse(created.body()).path("caseId").asText();
        Http coordinator = as("chccoordinator");
        complete(coordinator, awaitTask(coordinator, caseId, ChcProcess.Elements.CHECKLIST), checklist("B", "C"));
        return caseId;
    }

    private static void runTimer(String processInstanceId, String activityId) {
        JsonNode jobs = as("admin").getJson("/engine-rest/job?timers=true&processInstanceId=" + processInstanceId
                + "&activityId=" + activityId);
        assertThat(jobs).as(activityId).hasSize(1);
        HttpResponse<String> run = as("admin").post("/engine-rest/job/" + jobs.get(0).path("id").asText()
                + "/execute", "{}");
        assertThat(run.statusCode()).as(run.body()).isEqualTo(204);
    }

    private void publish(ContinuingCareNeedFlagged flag) {
        new TransactionTemplate(transactions).executeWithoutResult(status -> events.publishEvent(flag));
    }

    private static String awaitCase(NhsNumber patient) {
        return await().atMost(PATIENCE).until(() -> {
            JsonNode instances = as("admin").getJson("/engine-rest/process-instance?processDefinitionKey="
                    + ChcProcess.KEY + "&variables=nhsNumber_eq_" + patient.value());
            return instances.size() == 1 ? instances.get(0).path("businessKey").asText() : null;
        }, id -> id != null);
    }

    static JsonNode awaitTask(Http user, String caseId, String taskKey) {
        return await().atMost(PATIENCE).until(() -> {
            JsonNode tasks = user.getJson("/engine-rest/task?processInstanceBusinessKey=" + caseId
                    + "&taskDefinitionKey=" + taskKey);
            return tasks.size() == 1 ? tasks.get(0) : null;
        }, task -> task != null);
    }

    static void complete(Http user, JsonNode task, Map<String, Object> values) {
        HttpResponse<String> done = user.post("/engine-rest/task/" + task.path("id").asText() + "/complete",
                variables(values));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
    }

    private static String variables(Map<String, Object> values) {
        Map<String, Object> wrapped = new LinkedHashMap<>();
        values.forEach((k, v) -> wrapped.put(k, Map.of("value", v)));
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Map.of("variables", wrapped));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Breathing and behaviour rated {@code priority}, every other domain {@code others}, with evidence. */
    static Map<String, Object> checklist(String priority, String others) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("checklistAssessor", "Sam Jones, ward sister");
        for (String domain : ChcProcess.CHECKLIST_DOMAINS) {
            boolean priorityDomain = domain.equals("Breathing") || domain.equals("Behaviour");
            values.put(ChcProcess.Variables.checklistLevel(domain), priorityDomain ? priority : others);
            values.put(ChcProcess.Variables.checklistEvidence(domain), "Observed on the ward over three days");
        }
        return values;
    }

    private static Map<String, Object> dst(String level) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String domain : ChcProcess.DST_DOMAINS.keySet()) {
            boolean allowed = ChcProcess.DstLevels.allowed(domain).contains(level);
            values.put(ChcProcess.Variables.dstLevel(domain), allowed ? level : ChcProcess.DstLevels.LOW);
            values.put(ChcProcess.Variables.dstEvidence(domain), "Seen at the assessment");
        }
        values.put("dstNature", "Challenging behaviour putting herself and others at risk");
        values.put("dstIntensity", "Several incidents every day");
        values.put("dstComplexity", "Needs skilled de-escalation and medication review");
        values.put("dstUnpredictability", "Incidents without warning, day and night");
        return values;
    }

    static String referral(String referralId, String nhsNumber) {
        return """
                {"referralId": "%s",
                 "patient": {"nhsNumber": "%s", "name": "Joan Evans", "birthDate": "1936-09-01",
                             "gpPracticeOds": "A81001", "councilCode": "LA-STOCKPORT", "ward": "Ward 3"},
                 "referrer": {"name": "Dr Priya Patel", "organisation": "Stepping Hill Hospital"},
                 "reason": "Frail after a long admission; family ask about funding"}
                """.formatted(referralId, nhsNumber);
    }

    private static JsonNode mailTo(String address, String subject) {
        for (JsonNode mail : as("admin").getJson("/sandbox/api/council-mail?limit=500")) {
            if (mail.path("to").asText().equalsIgnoreCase(address) && mail.path("subject").asText().contains(subject)) {
                return mail;
            }
        }
        return null;
    }

    private static JsonNode gpMessage(String mailbox, String caseId, String subject) {
        for (JsonNode box : as("admin").getJson("/sandbox/api/gp-mailboxes?limit=500")) {
            if (!box.path("mailbox").asText().equals(mailbox)) {
                continue;
            }
            for (JsonNode message : box.path("messages")) {
                String s = message.path("subject").asText();
                if (s.contains(subject) && s.contains(caseId)) {
                    return message;
                }
            }
        }
        return null;
    }

    private static byte[] attachedPdf(JsonNode gpMessage) {
        JsonNode bundle = Http.parse(gpMessage.path("body").asText());
        for (JsonNode entry : bundle.path("entry")) {
            JsonNode resource = entry.path("resource");
            if (resource.path("resourceType").asText().equals("DocumentReference")) {
                JsonNode attachment = resource.path("content").get(0).path("attachment");
                assertThat(attachment.path("contentType").asText()).isEqualTo("application/pdf");
                return Base64.getDecoder().decode(attachment.path("data").asText());
            }
        }
        throw new AssertionError("No DocumentReference in the GP's MESH message");
    }

    private static String pdfText(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
    }

    private static List<String> kinds(JsonNode items) {
        List<String> kinds = new ArrayList<>();
        items.forEach(item -> kinds.add(item.path("kind").asText()));
        return kinds;
    }

    private static Http as(String user) {
        return Http.as(baseUrl, user);
    }
}
