package org.handover.tasklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.handover.HandoverApplication;
import org.handover.breakglass.BreakGlass;
import org.handover.encounter.DischargeFacts;
import org.handover.encounter.EncounterSetting;
import org.handover.encounter.Mobility;
import org.handover.encounter.PatientDischarged;
import org.handover.support.Http;
import org.handover.support.SandboxEnvironment;
import org.handover.system.IdentitySetup;
import org.handover.system.Roles;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Staff working in the Camunda Tasklist: logging in, their team's filters, finding tasks by NHS number or UBRN,
 * overdue tasks flagged and escalated. Run once per database (H2 and PostgreSQL) by the subclasses.
 */
@SpringBootTest(classes = HandoverApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class TasklistScenarios {

    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final Path SAMPLES = Path.of("..", "ops", "samples", "referrals");
    private static final AtomicLong UBRNS = new AtomicLong(300_000_000_000L + (System.nanoTime() % 1_000_000) * 1000);

    @Autowired TeamFilters teamFilters;
    @Autowired FilterService filterService;
    @Autowired TaskService taskService;
    @Autowired OverdueTasks overdueTasks;
    @Autowired ApplicationEventPublisher events;
    @Autowired TransactionTemplate transaction;
    @Autowired JdbcTemplate jdbc;
    @Autowired BreakGlass breakGlass;
    @Autowired IdentitySetup identitySetup;

    abstract SandboxEnvironment environment();

    Http as(String user) {
        return Http.as(environment().baseUrl(), user);
    }

    @Test
    void aConsultantLogsInToTasklistAndSeesTheirFilters() {
        WebappSession browser = new WebappSession(environment().baseUrl());
        HttpResponse<String> login = browser.login("consultant", "consultant");
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        assertThat(Http.parse(login.body()).path("userId").asText()).isEqualTo("consultant");
        assertThat(browser.getJson("/camunda/api/admin/auth/user/default").path("userId").asText())
                .isEqualTo("consultant");

        List<String> names = names(browser.getJson("/camunda/api/engine/engine/default/filter?resourceType=Task"));
        assertThat(names).contains("My team's tasks · Consultants (triage)", "Overdue · Consultants (triage)",
                "Due today · Consultants (triage)", "Two-week-wait referrals · Triage: colorectal",
                "Awaiting acknowledgement · Consultants (triage)");
        assertThat(names).noneMatch(name -> name.contains("Communications administrators")
                || name.contains("social care"));
    }

    @Test
    void aWrongPasswordIsRefusedWithAnAnswerNotABlankPage() {
        WebappSession browser = new WebappSession(environment().baseUrl());
        HttpResponse<String> login = browser.login("wardadmin", "not-the-password");
        assertThat(login.statusCode()).isEqualTo(401);
        assertThat(browser.get("/camunda/api/engine/engine/default/task").statusCode()).isEqualTo(401);

        assertThat(Http.anonymous(environment().baseUrl()).post("/engine-rest/process-definition/key/ReferralTriage/start",
                "{}").statusCode()).isEqualTo(401);

        HttpResponse<String> refused = as("consultant").get("/api/admin/deliveries");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("Forbidden");
    }

    @Test
    void theLoginPagesWelcomeProbeNeverAsksTheBrowserForAPassword() {
        // Every webapp's login page asks for /camunda-welcome; a Basic challenge there opens the browser's own
        // sign-in dialog over the login page, and nothing on the page can be clicked or typed into any more.
        WebappSession browser = new WebappSession(environment().baseUrl());
        HttpResponse<String> welcome = browser.get("/camunda-welcome");
        assertThat(welcome.statusCode()).isEqualTo(404);
        assertThat(welcome.headers().firstValue("WWW-Authenticate")).isEmpty();

        assertThat(Http.anonymous(environment().baseUrl()).get("/api/audit?nhsNumber=9990000026").statusCode())
                .as("the APIs still challenge for HTTP Basic").isEqualTo(401);
    }

    @Test
    void eachTeamSeesOnlyItsOwnFiltersWhichAreMadeOnceAndCounted() {
        long before = filterService.createTaskFilterQuery().count();
        teamFilters.ensureForEveryTeam();
        teamFilters.ensureForEveryTeam();
        assertThat(filterService.createTaskFilterQuery().count()).isEqualTo(before);

        JsonNode commsFilters = as("commsadmin").getJson("/engine-rest/filter?resourceType=Task");
        assertThat(names(commsFilters)).hasSize(TeamFilters.Kind.values().length)
                .allMatch(name -> name.endsWith("· Communications administrators"));
        JsonNode mine = commsFilters.get(0);
        assertThat(mine.path("properties").path("refresh").asBoolean()).isTrue();
        assertThat(mine.path("properties").path("variables").toString()).contains(FindableTasks.NHS_NUMBER);
        assertThat(as("commsadmin").getJson("/engine-rest/filter/" + mine.path("id").asText() + "/count")
                .path("count").isNumber()).isTrue();
        assertThat(as("consultant").get("/engine-rest/filter/" + mine.path("id").asText()).statusCode())
                .isEqualTo(403);
    }

    @Test
    void aReferralTaskIsFoundByNhsNumberOrUbrnAndFlaggedWhenOverdue() {
        String ubrn = postRedFlagReferral();
        Http consultant = as("consultant");
        JsonNode task = await().atMost(PATIENCE).until(() -> consultant.getJson(
                "/engine-rest/task?taskVariables=" + encode(FindableTasks.UBRN + "_eq_" + ubrn)), tasks -> tasks.size() == 1)
                .get(0);
        String taskId = task.path("id").asText();
        assertThat(task.path("due").asText()).isNotBlank();

        JsonNode byNhsNumber = consultant.getJson("/engine-rest/task?taskDefinitionKey=UserTask_TriageReferral&taskVariables="
                + encode(FindableTasks.NHS_NUMBER + "_eq_999 000 0026"));
        assertThat(ids(byNhsNumber)).contains(taskId);
        assertThat(ids(consultant.getJson("/engine-rest/task?processVariables=" + encode("ubrn_eq_" + ubrn))))
                .containsExactly(taskId);
        JsonNode variables = consultant.getJson("/engine-rest/task/" + taskId + "/localVariables");
        assertThat(variables.path(FindableTasks.PATIENT_NAME).path("value").asText()).isNotBlank();
        assertThat(variables.path(FindableTasks.WARD_OR_SPECIALTY).path("value").asText()).isNotBlank();
        assertThat(variables.path(FindableTasks.PRIORITY).path("value").asText()).isEqualTo("two-week-wait");
        assertThat(as("commsadmin").getJson("/engine-rest/task?taskVariables="
                + encode(FindableTasks.UBRN + "_eq_" + ubrn))).isEmpty();

        Task triage = taskService.createTaskQuery().taskId(taskId).singleResult();
        Date due = triage.getDueDate();
        moveDue(taskId, Instant.now().minusSeconds(60));
        overdueTasks.check();
        overdueTasks.check();
        Task flagged = taskService.createTaskQuery().taskId(taskId).singleResult();
        assertThat(flagged.getName()).isEqualTo(OverdueTasks.PREFIX + triage.getName());
        assertThat(flagged.getPriority()).isEqualTo(OverdueTasks.OVERDUE_PRIORITY);
        assertThat(candidateGroups(taskId)).contains("triage-colorectal", "lead-colorectal");

        moveDue(taskId, due.toInstant());
        overdueTasks.check();
        Task restored = taskService.createTaskQuery().taskId(taskId).singleResult();
        assertThat(restored.getName()).isEqualTo(triage.getName());
        assertThat(restored.getPriority()).isEqualTo(triage.getPriority());
        assertThat(candidateGroups(taskId)).containsExactly("triage-colorectal");
    }

    @Test
    void everyRoleMayDoWhatItsWorkNeedsAndNothingElse() {
        String ubrn = postRedFlagReferral();
        JsonNode triage = await().atMost(PATIENCE).until(() -> as("admin").getJson("/engine-rest/task?processInstanceBusinessKey="
                + ubrn), tasks -> tasks.size() == 1).get(0);
        String triageId = triage.path("id").asText();
        String referralCase = triage.path("processInstanceId").asText();
        String episode = "EP-TL-" + ubrn;
        String acknowledgeId = stockportAcknowledgementTask(episode);
        String commsFilter = filterService.createTaskFilterQuery().filterName(
                "My team's tasks · Communications administrators").singleResult().getId();

        Set<String> admins = Set.of("admin");
        AccessMatrix matrix = new AccessMatrix()
                .allow(new AccessMatrix.Action("list the triage task", user -> listed(as(user),
                        "/engine-rest/task?processInstanceBusinessKey=" + ubrn)), plus(admins, "consultant"))
                .allow(new AccessMatrix.Action("claim the triage task", user -> claims(user, triageId)),
                        plus(admins, "consultant"))
                .allow(new AccessMatrix.Action("read the referral's process instance", user -> ok(as(user),
                        "/engine-rest/process-instance/" + referralCase)), plus(admins, "consultant"))
                .allow(new AccessMatrix.Action("list Stockport's acknowledgement task", user -> listed(as(user),
                        "/engine-rest/task?processInstanceBusinessKey=" + episode + "&taskDefinitionKey="
                                + "UserTask_AcknowledgeNotification")), plus(admins, "socialcare"))
                .allow(new AccessMatrix.Action("claim Stockport's acknowledgement task", user -> claims(user,
                        acknowledgeId)), plus(admins, "socialcare"))
                .allow(new AccessMatrix.Action("read the communications team's filter", user -> ok(as(user),
                        "/engine-rest/filter/" + commsFilter)), plus(admins, "commsadmin"))
                .allow(new AccessMatrix.Action("create a user (Admin)", user -> createsAUser(as(user))), admins)
                .allow(new AccessMatrix.Action("start a referral over the engine's REST API", user -> !refused(as(user).post(
                        "/engine-rest/process-definition/key/ReferralTriage/start", "{}"))), admins)
                .allow(new AccessMatrix.Action("read the audit log", user -> ok(as(user),
                        "/api/audit?nhsNumber=9990000026")), plus(admins, "infogov"))
                .allow(new AccessMatrix.Action("read the delivery ledger", user -> ok(as(user), "/api/admin/deliveries")),
                        plus(admins, "commsadmin"));

        List<String> users = List.of("admin", "consultant", "bookingadmin", "wardadmin", "dischargecoordinator",
                "socialcare", "socialcareworcs", "socialcareleeds", "dischargelead", "chccoordinator", "chcpanel",
                "infogov", "commsadmin", "integration", "monitoring");
        assertThat(matrix.differences(users)).isEmpty();
    }

    /**
     * The day's people's path (ops/bench/tasks.sh): their task list and the completion through {@code /engine-rest},
     * with Camunda's checks on every user's groups as authenticated (EveryAuthenticatedGroup) and the task resources
     * built once (EngineRestRoot), asked again and again as a person does.
     */
    @Test
    void onlyTheTeamCompletesItsTaskThroughTheRestApiAndTheNextTeamTakesOver() {
        String ubrn = postRedFlagReferral();
        Http consultant = as("consultant");
        JsonNode triage = await().atMost(PATIENCE).until(() -> consultant.getJson(
                "/engine-rest/task?taskDefinitionKey=UserTask_TriageReferral&processInstanceBusinessKey=" + ubrn
                        + "&maxResults=5"), tasks -> tasks.size() == 1).get(0);
        String triageId = triage.path("id").asText();
        for (String outsider : List.of("bookingadmin", "wardadmin", "socialcare", "chccoordinator", "commsadmin")) {
            assertThat(as(outsider).getJson("/engine-rest/task?processInstanceBusinessKey=" + ubrn)).as(outsider).isEmpty();
            HttpResponse<String> refused = as(outsider).post("/engine-rest/task/" + triageId + "/complete", ACCEPT);
            assertThat(refused.statusCode()).as(outsider + ": " + refused.body()).isIn(403, 404);
        }
        HttpResponse<String> done = consultant.post("/engine-rest/task/" + triageId + "/complete", ACCEPT);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
        HttpResponse<String> again = consultant.post("/engine-rest/task/" + triageId + "/complete", ACCEPT);
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.body()).contains("Task " + triageId + " no longer exists: it was completed at ");
        assertThat(jdbc.queryForList("select user_id, action, nhs_number, reason from audit_event where resource = ? "
                + "and action = 'CHANGE'",
                "task/UserTask_TriageReferral/" + triage.path("processInstanceId").asText())).singleElement().satisfies(entry -> {
                    assertThat(entry.get("user_id")).isEqualTo("consultant");
                    assertThat(entry.get("action")).isEqualTo("CHANGE");
                    assertThat((String) entry.get("nhs_number")).matches("\\d{10}");
                    assertThat((String) entry.get("reason")).startsWith("Completed task: ");
                });

        Http booking = as("bookingadmin");
        String bookId = await().atMost(PATIENCE).until(() -> booking.getJson("/engine-rest/task?processInstanceBusinessKey="
                + ubrn), tasks -> tasks.size() == 1).get(0).path("id").asText();
        assertThat(consultant.getJson("/engine-rest/task?processInstanceBusinessKey=" + ubrn)).isEmpty();
        assertThat(consultant.post("/engine-rest/task/" + bookId + "/complete", "{}").statusCode()).isIn(403, 404);
        assertThat(booking.getJson("/engine-rest/task/" + bookId + "/variables?variableNames=ubrn")
                .path("ubrn").path("value").asText()).isEqualTo(ubrn);
    }

    /**
     * Two consultants on one queue: the first claims the triage (the second's Claim is told so: 409) and completes
     * it; the second, whose screen still shows it, presses Complete, or Claim, or saves a variable. Each is told the
     * task no longer exists, who completed it and when (404, Camunda's error shape), not 500; someone outside the team
     * reads only that it is not open; the refused completions are audited; nothing is logged at ERROR
     * (LateTaskActions, MissingTaskIsNotFound).
     */
    @Test
    void anActionOnATaskAColleagueCompletedAnswers404SayingWhoAndWhen() {
        Http second = secondConsultant();
        String ubrn = postRedFlagReferral();
        Http consultant = as("consultant");
        JsonNode triage = await().atMost(PATIENCE).until(() -> consultant.getJson(
                "/engine-rest/task?taskDefinitionKey=UserTask_TriageReferral&processInstanceBusinessKey=" + ubrn),
                tasks -> tasks.size() == 1).get(0);
        String taskId = triage.path("id").asText();
        String task = "/engine-rest/task/" + taskId;
        assertThat(second.getJson("/engine-rest/task?processInstanceBusinessKey=" + ubrn)).hasSize(1);
        assertThat(consultant.post(task + "/claim", "{\"userId\":\"consultant\"}").statusCode()).isEqualTo(204);
        HttpResponse<String> claimedAlready = second.post(task + "/claim",
                "{\"userId\":\"" + SECOND_CONSULTANT + "\"}");
        assertThat(claimedAlready.statusCode()).as(claimedAlready.body()).isEqualTo(409);
        assertThat(Http.parse(claimedAlready.body()).path("message").asText()).contains("already claimed");
        assertThat(consultant.post(task + "/complete", ACCEPT).statusCode()).isEqualTo(204);

        try (ErrorEvents errors = new ErrorEvents()) {
            String completed = "Task " + taskId + " no longer exists: it was completed by consultant at ";
            Map<String, HttpResponse<String>> answers = new LinkedHashMap<>();
            answers.put("complete", second.post(task + "/complete", ACCEPT));
            answers.put("submit-form", second.post(task + "/submit-form", ACCEPT));
            answers.put("claim", second.post(task + "/claim", "{\"userId\":\"" + SECOND_CONSULTANT + "\"}"));
            answers.put("unclaim", second.post(task + "/unclaim", "{}"));
            answers.put("put a variable", second.put(task + "/variables/triageComment",
                    "{\"value\":\"Seen\",\"type\":\"String\"}"));
            answers.put("modify variables", second.post(task + "/variables",
                    "{\"modifications\":{\"triageComment\":{\"value\":\"Seen\",\"type\":\"String\"}}}"));
            answers.put("read variables", second.get(task + "/variables"));
            answers.forEach((action, answer) -> {
                assertThat(answer.statusCode()).as(action + ": " + answer.body()).isEqualTo(404);
                JsonNode error = Http.parse(answer.body());
                assertThat(error.path("type").asText()).as(action).isEqualTo("InvalidRequestException");
                assertThat(error.path("message").asText()).as(action).startsWith(completed);
            });

            HttpResponse<String> outsider = as("wardadmin").post(task + "/complete", ACCEPT);
            assertThat(outsider.statusCode()).isEqualTo(404);
            assertThat(Http.parse(outsider.body()).path("message").asText())
                    .isEqualTo("Task " + taskId + " does not exist or is no longer open.");

            List<Map<String, Object>> refused = jdbc.queryForList("""
                    select action, nhs_number, reason from audit_event where user_id = ? and resource = ?""",
                    SECOND_CONSULTANT, "task/UserTask_TriageReferral/" + triage.path("processInstanceId").asText());
            assertThat(refused).hasSize(2).allSatisfy(entry -> {
                assertThat(entry.get("action")).isEqualTo("REFUSED");
                assertThat((String) entry.get("nhs_number")).matches("\\d{10}");
                assertThat((String) entry.get("reason")).contains(completed);
            });
            assertThat(errors.mentioning(taskId)).isEmpty();
        }
    }

    /** The same in Tasklist itself, which calls the webapps' own engine API (/camunda/api/engine) with a session. */
    @Test
    void tasklistShowsTheSecondConsultantWhoCompletedTheTaskNotAServerError() {
        secondConsultant();
        String ubrn = postRedFlagReferral();
        WebappSession first = new WebappSession(environment().baseUrl());
        assertThat(first.login("consultant", "consultant").statusCode()).isEqualTo(200);
        WebappSession second = new WebappSession(environment().baseUrl());
        assertThat(second.login(SECOND_CONSULTANT, SECOND_CONSULTANT).statusCode()).isEqualTo(200);
        String api = "/camunda/api/engine/engine/default";
        String taskId = await().atMost(PATIENCE).until(() -> second.getJson(api + "/task?processInstanceBusinessKey="
                + ubrn), tasks -> tasks.size() == 1).get(0).path("id").asText();
        // As Tasklist does after logging in: a GET gives the new session its CSRF token.
        assertThat(first.getJson(api + "/task/" + taskId).path("id").asText()).isEqualTo(taskId);

        try (ErrorEvents errors = new ErrorEvents()) {
            HttpResponse<String> claimed = first.post(api + "/task/" + taskId + "/claim",
                    "{\"userId\":\"consultant\"}");
            assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(204);
            HttpResponse<String> submitted = first.post(api + "/task/" + taskId + "/submit-form", ACCEPT);
            assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(204);

            for (String action : List.of("submit-form", "complete", "claim")) {
                HttpResponse<String> late = second.post(api + "/task/" + taskId + "/" + action,
                        action.equals("claim") ? "{\"userId\":\"" + SECOND_CONSULTANT + "\"}" : ACCEPT);
                assertThat(late.statusCode()).as(action + ": " + late.body()).isEqualTo(404);
                assertThat(Http.parse(late.body()).path("message").asText()).as(action)
                        .startsWith("Task " + taskId + " no longer exists: it was completed by consultant at ");
            }
            assertThat(errors.mentioning(taskId)).isEmpty();
        }
    }

    /**
     * A consultant submits the triage without the comment e-RS requires: told what to add (400, the listener's words,
     * Camunda's error shape) in Tasklist and over /engine-rest, not a server error; the task stays open and nothing is
     * logged at ERROR (TaskInputRefused, RefusedTaskInputMapper).
     */
    @Test
    void aTriageWithoutItsCommentIsSentBackWith400SayingWhatToAdd() {
        String ubrn = postRedFlagReferral();
        WebappSession tasklist = new WebappSession(environment().baseUrl());
        assertThat(tasklist.login("consultant", "consultant").statusCode()).isEqualTo(200);
        String api = "/camunda/api/engine/engine/default";
        String taskId = await().atMost(PATIENCE).until(() -> tasklist.getJson(api + "/task?processInstanceBusinessKey="
                + ubrn), tasks -> tasks.size() == 1).get(0).path("id").asText();
        String noComment = """
                {"variables":{"triageOutcome":{"value":"accept","type":"String"}}}""";

        try (ErrorEvents errors = new ErrorEvents()) {
            Map<String, HttpResponse<String>> answers = new LinkedHashMap<>();
            answers.put("Tasklist", tasklist.post(api + "/task/" + taskId + "/submit-form", noComment));
            answers.put("engine-rest", as("consultant").post("/engine-rest/task/" + taskId + "/complete", noComment));
            answers.forEach((where, answer) -> {
                assertThat(answer.statusCode()).as(where + ": " + answer.body()).isEqualTo(400);
                JsonNode error = Http.parse(answer.body());
                assertThat(error.path("type").asText()).as(where).isEqualTo("InvalidRequestException");
                assertThat(error.path("message").asText()).as(where).contains("Write a triage comment")
                        .doesNotContain("TaskListener");
            });
            assertThat(errors.mentioning("triage comment")).isEmpty();
        }
        assertThat(taskService.createTaskQuery().taskId(taskId).count()).isEqualTo(1);
    }

    /**
     * Both consultants press Complete at the same moment: one completion is done (204), the other is told it came
     * too late (409 when the two raced inside the engine, 404 when the first had already committed), and the
     * referral moved on once: one booking task, one completion in the audit log.
     */
    @Test
    void twoConsultantsCompletingOneTaskAtOnceMoveTheReferralOnOnce() throws Exception {
        Http second = secondConsultant();
        Http consultant = as("consultant");
        ExecutorService people = Executors.newFixedThreadPool(2);
        try (ErrorEvents errors = new ErrorEvents()) {
            for (int round = 0; round < 3; round++) {
                String ubrn = postRedFlagReferral();
                JsonNode triage = await().atMost(PATIENCE).until(() -> second.getJson(
                        "/engine-rest/task?processInstanceBusinessKey=" + ubrn), tasks -> tasks.size() == 1).get(0);
                String complete = "/engine-rest/task/" + triage.path("id").asText() + "/complete";
                CountDownLatch press = new CountDownLatch(1);
                List<Future<HttpResponse<String>>> pressed = new ArrayList<>();
                for (Http person : List.of(consultant, second)) {
                    pressed.add(people.submit(() -> {
                        press.await();
                        return person.post(complete, ACCEPT);
                    }));
                }
                press.countDown();
                List<HttpResponse<String>> answers = new ArrayList<>();
                for (Future<HttpResponse<String>> answer : pressed) {
                    answers.add(answer.get(60, TimeUnit.SECONDS));
                }
                assertThat(answers).as(answers.stream().map(HttpResponse::body).toList().toString())
                        .filteredOn(answer -> answer.statusCode() == 204).hasSize(1);
                HttpResponse<String> late = answers.stream().filter(answer -> answer.statusCode() != 204)
                        .findFirst().orElseThrow();
                assertThat(late.statusCode()).as(late.body()).isIn(404, 409);
                assertThat(Http.parse(late.body()).path("message").asText())
                        .startsWith("Task " + triage.path("id").asText() + " ");

                String referralCase = triage.path("processInstanceId").asText();
                await().atMost(PATIENCE).until(() -> taskService.createTaskQuery().processInstanceId(referralCase)
                        .taskDefinitionKey("UserTask_BookAppointment").count() == 1);
                assertThat(taskService.createTaskQuery().processInstanceId(referralCase).count()).isEqualTo(1);
                assertThat(jdbc.queryForObject("""
                        select count(*) from audit_event where resource = ? and action = 'CHANGE'""", Integer.class,
                        "task/UserTask_TriageReferral/" + referralCase)).isEqualTo(1);
            }
            assertThat(errors.mentioning("Cannot find task")).isEmpty();
            assertThat(errors.mentioning("OptimisticLocking")).isEmpty();
        } finally {
            people.shutdownNow();
        }
    }

    private static final String SECOND_CONSULTANT = "consultanttwo";
    private static final String ACCEPT = """
            {"variables":{"triageOutcome":{"value":"accept","type":"String"},
             "triageComment":{"value":"Accepted: clinic in two weeks.","type":"String"}}}""";

    /** A second consultant on the same triage teams as the demo consultant. */
    private Http secondConsultant() {
        identitySetup.ensureUser(SECOND_CONSULTANT, "Demo", "Second consultant", SECOND_CONSULTANT, Roles.CONSULTANTS);
        identitySetup.joinGroupsStartingWith(SECOND_CONSULTANT, "triage-", "lead-");
        return as(SECOND_CONSULTANT);
    }

    /** The ERROR events logged while it is open, by any logger. */
    private static final class ErrorEvents implements AutoCloseable {

        private final ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) LoggerFactory
                .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

        ErrorEvents() {
            appender.start();
            root.addAppender(appender);
        }

        /** Those whose message or exception mentions the text. */
        List<String> mentioning(String text) {
            List<ILoggingEvent> events;
            synchronized (appender) {
                events = List.copyOf(appender.list);
            }
            return events.stream().filter(event -> event.getLevel() == Level.ERROR)
                    .filter(event -> event.getFormattedMessage().contains(text)
                            || mentions(event.getThrowableProxy(), text))
                    .map(event -> event.getLoggerName() + ": " + event.getFormattedMessage()).toList();
        }

        private static boolean mentions(IThrowableProxy failure, String text) {
            for (IThrowableProxy cause = failure; cause != null; cause = cause.getCause()) {
                if (String.valueOf(cause.getMessage()).contains(text) || cause.getClassName().contains(text)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void close() {
            root.detachAppender(appender);
            appender.stop();
        }
    }

    /** Every completion looks for the task's subtasks: by index, not by reading every open task (SubtaskIndex). */
    @Test
    void subtasksAreFoundByIndex() {
        Boolean indexed = jdbc.execute((org.springframework.jdbc.core.ConnectionCallback<Boolean>) connection -> {
            for (String table : List.of("ACT_RU_TASK", "act_ru_task")) {
                try (java.sql.ResultSet index = connection.getMetaData().getIndexInfo(null, null, table, false, false)) {
                    while (index.next()) {
                        if ("HANDOVER_IDX_TASK_PARENT".equalsIgnoreCase(index.getString("INDEX_NAME"))) {
                            return true;
                        }
                    }
                }
            }
            return false;
        });
        assertThat(indexed).isTrue();
    }

    @Test
    void aUserOutsideTheTeamOpensACaseOnlyByStatingWhyAndGovernanceIsTold() {
        String ubrn = postRedFlagReferral();
        String referralCase = await().atMost(PATIENCE).until(() -> as("admin").getJson(
                "/engine-rest/process-instance?businessKey=" + ubrn), found -> found.size() == 1).get(0).path("id").asText();
        Http outsider = as("wardadmin");
        assertThat(outsider.get("/engine-rest/process-instance/" + referralCase).statusCode()).isIn(403, 404);

        HttpResponse<String> noReason = outsider.post("/api/break-glass", "{\"businessKey\":\"" + ubrn + "\"}");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(noReason.body()).contains("reason").contains("20 characters");
        assertThat(outsider.post("/api/break-glass", "{\"reason\":\"Patient on my ward asked about the referral\"}")
                .statusCode()).isEqualTo(400);
        assertThat(outsider.post("/api/break-glass", "{\"businessKey\":\"999999999999\","
                + "\"reason\":\"Patient on my ward asked about the referral\"}").statusCode()).isEqualTo(404);

        HttpResponse<String> granted = outsider.post("/api/break-glass", "{\"businessKey\":\"" + ubrn + "\","
                + "\"reason\":\"Patient on my ward asked about the referral\"}");
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(201);
        assertThat(outsider.get("/engine-rest/process-instance/" + referralCase).statusCode()).isEqualTo(200);
        assertThat(outsider.getJson("/engine-rest/task?processInstanceId=" + referralCase)).hasSize(1);

        assertThat(outsider.get("/api/break-glass").statusCode()).isEqualTo(403);
        assertThat(as("infogov").getJson("/api/break-glass").toString()).contains(referralCase)
                .contains("Patient on my ward asked about the referral");
        assertThat(names(as("infogov").getJson("/engine-rest/task?candidateGroup=information-governance")))
                .contains("Review break-glass access by wardadmin");
        assertThat(as("infogov").getJson("/api/audit?nhsNumber=9990000026").toString())
                .contains("wardadmin").contains("Break-glass");

        jdbc.update("update break_glass_grant set expires_at = ? where process_instance_id = ?",
                java.sql.Timestamp.from(Instant.now().minusSeconds(1)), referralCase);
        breakGlass.revokeExpired();
        assertThat(outsider.get("/engine-rest/process-instance/" + referralCase).statusCode()).isIn(403, 404);
        assertThat(as("infogov").getJson("/api/break-glass").toString()).contains("revokedAt");
    }

    String stockportAcknowledgementTask(String episode) {
        DischargeFacts facts = new DischargeFacts(true, true, false, Mobility.WITH_AID, false, false, true);
        PatientDischarged discharged = new PatientDischarged(episode, "9990000018", "Ada", "Lovelace",
                LocalDate.of(1941, 3, 2), "1 High Street, Stockport", "SK7 1AB", "+447700900123", "A81001", "RX1",
                "Ward 7", "Geriatric medicine", Instant.now().minusSeconds(5 * 86_400), Instant.now(),
                EncounterSetting.INPATIENT, "Dr Grace Hopper", false, facts);
        transaction.executeWithoutResult(status -> events.publishEvent(discharged));
        Http coordinator = as("dischargecoordinator");
        String confirm = await().atMost(PATIENCE).until(() -> coordinator.getJson("/engine-rest/task?processInstanceBusinessKey="
                + episode), tasks -> tasks.size() == 1).get(0).path("id").asText();
        assertThat(coordinator.post("/engine-rest/task/" + confirm + "/complete",
                "{\"variables\":{\"pathway\":{\"value\":\"1\"}}}").statusCode()).isEqualTo(204);
        return await().atMost(PATIENCE).until(() -> as("socialcare").getJson("/engine-rest/task?processInstanceBusinessKey="
                + episode), tasks -> tasks.size() == 1).get(0).path("id").asText();
    }

    private static boolean listed(Http user, String path) {
        HttpResponse<String> answer = user.get(path);
        return answer.statusCode() == 200 && Http.parse(answer.body()).size() > 0;
    }

    private static boolean refused(HttpResponse<String> answer) {
        return answer.statusCode() == 401 || answer.statusCode() == 403;
    }

    private static boolean ok(Http user, String path) {
        return user.get(path).statusCode() == 200;
    }

    private boolean claims(String userId, String taskId) {
        Http user = as(userId);
        boolean claimed = user.post("/engine-rest/task/" + taskId + "/claim", "{\"userId\":\"" + userId + "\"}")
                .statusCode() == 204;
        if (claimed) {
            HttpResponse<String> handedBack = user.post("/engine-rest/task/" + taskId + "/unclaim", "{}");
            assertThat(handedBack.statusCode()).as(userId + " hands back: " + handedBack.body()).isEqualTo(204);
        }
        return claimed;
    }

    private static boolean createsAUser(Http user) {
        String id = "matrix" + UBRNS.incrementAndGet();
        return user.post("/engine-rest/user/create", """
                {"profile":{"id":"%s","firstName":"Matrix","lastName":"Probe","email":"probe@handover.invalid"},
                 "credentials":{"password":"a-long-enough-password"}}""".formatted(id)).statusCode() == 204;
    }

    private static Set<String> plus(Set<String> users, String... more) {
        Set<String> all = new java.util.HashSet<>(users);
        all.addAll(List.of(more));
        return all;
    }

    String postRedFlagReferral() {
        String ubrn = Long.toString(UBRNS.incrementAndGet());
        try {
            String body = Files.readString(SAMPLES.resolve("valid-2ww-colorectal-red-flag.json"))
                    .replace("100000000002", ubrn);
            HttpResponse<String> created = as("integration").postAs("/fhir/r4/ServiceRequest", "application/fhir+json", body);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            return ubrn;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void moveDue(String taskId, Instant due) {
        Task task = taskService.createTaskQuery().taskId(taskId).singleResult();
        task.setDueDate(Date.from(due));
        taskService.saveTask(task);
    }

    private List<String> candidateGroups(String taskId) {
        return taskService.getIdentityLinksForTask(taskId).stream().filter(link -> "candidate".equals(link.getType()))
                .map(IdentityLink::getGroupId).toList();
    }

    static List<String> names(JsonNode filters) {
        List<String> names = new ArrayList<>();
        filters.forEach(filter -> names.add(filter.path("name").asText()));
        return names;
    }

    static List<String> ids(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
