package org.handover.tasklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.handover.HandoverApplication;
import org.handover.support.Http;
import org.handover.support.SandboxEnvironment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

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

        HttpResponse<String> refused = as("consultant").get("/api/admin/deliveries");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("Forbidden");
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
