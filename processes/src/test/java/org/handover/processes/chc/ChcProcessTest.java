package org.handover.processes.chc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.handover.processes.chc.ChcProcess.DeadlineEvents;
import org.handover.processes.chc.ChcProcess.Delegates;
import org.handover.processes.chc.ChcProcess.Elements;
import org.handover.processes.chc.ChcProcess.PanelDecisions;
import org.handover.processes.chc.ChcProcess.Recommendations;
import org.handover.processes.chc.ChcProcess.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Model tests of the standard CHC process on an in-memory engine. The mock delegates set what the real ones set (see
 * the BPMN documentation) and record that they ran; the Checklist and DST outcomes are chosen per test.
 */
@ExtendWith(ProcessEngineExtension.class)
@Deployment(resources = {ChcProcess.RESOURCE, "forms/chc-start-checklist.form", "forms/chc-checklist.form",
        "forms/chc-arrange-assessment.form", "forms/chc-dst.form", "forms/chc-panel-decision.form",
        "forms/chc-breach-reason.form", "forms/chc-arrange-care.form"})
class ChcProcessTest {

    private static final String CASE_ID = "CHC-0001";

    ProcessEngine processEngine;
    private final List<String> calls = new ArrayList<>();
    private final List<String> deadlineEvents = new ArrayList<>();
    private boolean checklistPositive;
    private String recommendation;
    private Instant received;

    @BeforeEach
    void registerDelegates() {
        received = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        mock(Delegates.OPEN_CASE, execution -> execution.setVariable(Variables.CASE_ID, CASE_ID));
        mock(Delegates.SCREEN_CHECKLIST, execution -> {
            execution.setVariable(Variables.CHECKLIST_POSITIVE, checklistPositive);
            execution.setVariable(Variables.CHECKLIST_RULE, checklistPositive ? "TwoOrMoreA" : "BelowChecklistThresholds");
        });
        mock(Delegates.SEND_NEGATIVE_LETTERS, execution -> { });
        mock(Delegates.REFER_TO_ICB, execution -> {
            execution.setVariable(Variables.ICB_RECEIVED_AT, Date.from(received));
            execution.setVariable(Variables.FIRST_WARNING_AT, day(14));
            execution.setVariable(Variables.SECOND_WARNING_AT, day(21));
            execution.setVariable(Variables.DECISION_DUE_AT, day(28));
        });
        mock(Delegates.RECOMMEND, execution -> execution.setVariable(Variables.RECOMMENDATION, recommendation));
        mock(Delegates.RECORD_DECISION, execution -> execution.setVariable(Variables.DECIDED_AT, new Date()));
        mock(Delegates.SEND_DECISION_LETTERS, execution -> { });
        mock(Delegates.RECORD_DEADLINE, execution ->
                deadlineEvents.add((String) execution.getVariableLocal(Variables.DEADLINE_EVENT)));
        mock(Delegates.RECORD_CARE, execution -> { });
    }

    @AfterEach
    void reset() {
        Mocks.reset();
    }

    @Test
    void negativeChecklistSendsTheLettersAndEnds() {
        checklistPositive = false;
        ProcessInstance instance = start();
        assertThat(instance).isWaitingAt(Elements.CHECKLIST);
        assertThat(task(instance, Elements.CHECKLIST)).hasCandidateGroup(ChcProcess.COORDINATORS)
                .hasName("Complete CHC Checklist: Alex Testpatient");

        completeChecklist(instance);

        assertThat(instance).isEnded().hasPassed(Elements.SEND_NEGATIVE_LETTERS, Elements.CHECKLIST_NEGATIVE)
                .hasNotPassed(Elements.REFER_TO_ICB);
        org.assertj.core.api.Assertions.assertThat(calls).containsExactly(Delegates.OPEN_CASE,
                Delegates.SCREEN_CHECKLIST, Delegates.SEND_NEGATIVE_LETTERS);
    }

    @Test
    void aChecklistWithoutEvidenceIsRefused() {
        ProcessInstance instance = start();
        Map<String, Object> values = checklist();
        values.remove(Variables.checklistEvidence("Mobility"));
        assertThatThrownBy(() -> complete(task(instance, Elements.CHECKLIST), values))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("evidence for the mobility rating");
        values.put(Variables.checklistEvidence("Mobility"), "Hoist for all transfers");
        values.put(Variables.checklistLevel("Cognition"), "D");
        assertThatThrownBy(() -> complete(task(instance, Elements.CHECKLIST), values))
                .hasMessageContaining("Cognition is rated 'D': use A, B or C");
    }

    @Test
    void positiveEligibleIsReferredAssessedDecidedAndCareArranged() {
        checklistPositive = true;
        recommendation = Recommendations.ELIGIBLE;
        ProcessInstance instance = start();
        completeChecklist(instance);

        assertThat(instance).isWaitingAt(Elements.ARRANGE_ASSESSMENT);
        Task arrange = task(instance, Elements.ARRANGE_ASSESSMENT);
        org.assertj.core.api.Assertions.assertThat(arrange.getDueDate()).isEqualTo(day(28));
        org.assertj.core.api.Assertions.assertThat(timerDueDates(instance)).containsExactlyInAnyOrder(day(14), day(21), day(28));

        arrangeAssessment(instance);
        completeDst(instance);
        assertThat(task(instance, Elements.PANEL_DECISION)).hasCandidateGroup(ChcProcess.PANEL);
        complete(task(instance, Elements.PANEL_DECISION), Map.of(Variables.PANEL_DECISION, PanelDecisions.RATIFY));

        assertThat(instance).hasVariables(Variables.ELIGIBLE).isWaitingAt(Elements.ARRANGE_CARE);
        org.assertj.core.api.Assertions.assertThat(variable(instance, Variables.ELIGIBLE)).isEqualTo(true);
        org.assertj.core.api.Assertions.assertThat(variable(instance, Variables.RECOMMENDATION_CHANGED)).isEqualTo(false);
        org.assertj.core.api.Assertions.assertThat(timerDueDates(instance)).as("a decision stops the clock").isEmpty();

        assertThatThrownBy(() -> complete(task(instance, Elements.ARRANGE_CARE), Map.of(Variables.CARE_PACKAGE, "x")))
                .hasMessageContaining("Name the care provider");
        complete(task(instance, Elements.ARRANGE_CARE), Map.of(Variables.CARE_PACKAGE, "Nursing home, 24-hour care",
                Variables.CARE_PROVIDER, "Oakfield Nursing Home", Variables.CARE_START_DATE, "2026-12-14"));

        assertThat(instance).isEnded().hasPassed(Elements.SEND_DECISION_LETTERS, Elements.CARE_ARRANGED);
        org.assertj.core.api.Assertions.assertThat(calls).containsExactly(Delegates.OPEN_CASE,
                Delegates.SCREEN_CHECKLIST, Delegates.REFER_TO_ICB, Delegates.RECOMMEND, Delegates.RECORD_DECISION,
                Delegates.SEND_DECISION_LETTERS, Delegates.RECORD_CARE);
        org.assertj.core.api.Assertions.assertThat(deadlineEvents).isEmpty();
    }

    @Test
    void positiveNotEligibleSendsTheDecisionLettersAndEnds() {
        checklistPositive = true;
        recommendation = Recommendations.NOT_ELIGIBLE;
        ProcessInstance instance = toPanel();

        complete(task(instance, Elements.PANEL_DECISION), Map.of(Variables.PANEL_DECISION, PanelDecisions.RATIFY));

        assertThat(instance).isEnded().hasPassed(Elements.SEND_DECISION_LETTERS, Elements.NOT_ELIGIBLE)
                .hasNotPassed(Elements.ARRANGE_CARE);
        org.assertj.core.api.Assertions.assertThat(variable(instance, Variables.ELIGIBLE)).isEqualTo(false);
    }

    @Test
    void thePanelOverridesTheRecommendationOnlyWithReasons() {
        checklistPositive = true;
        recommendation = Recommendations.NOT_ELIGIBLE;
        ProcessInstance instance = toPanel();
        Task panel = task(instance, Elements.PANEL_DECISION);

        assertThatThrownBy(() -> complete(panel, Map.of(Variables.PANEL_DECISION, PanelDecisions.ELIGIBLE)))
                .hasMessageContaining("reasons for changing the recommendation");
        complete(panel, Map.of(Variables.PANEL_DECISION, PanelDecisions.ELIGIBLE, Variables.PANEL_REASONS,
                "Unpredictable breathing crises need skilled intervention day and night"));

        assertThat(instance).isWaitingAt(Elements.ARRANGE_CARE);
        org.assertj.core.api.Assertions.assertThat(variable(instance, Variables.ELIGIBLE)).isEqualTo(true);
        org.assertj.core.api.Assertions.assertThat(variable(instance, Variables.RECOMMENDATION_CHANGED)).isEqualTo(true);
    }

    @Test
    void aPanelJudgementCannotBeRatifiedAndNeedsReasons() {
        checklistPositive = true;
        recommendation = Recommendations.PANEL_JUDGEMENT;
        ProcessInstance instance = toPanel();
        Task panel = task(instance, Elements.PANEL_DECISION);

        assertThatThrownBy(() -> complete(panel, Map.of(Variables.PANEL_DECISION, PanelDecisions.RATIFY)))
                .hasMessageContaining("asks for the panel's judgement");
        assertThatThrownBy(() -> complete(panel, Map.of(Variables.PANEL_DECISION, PanelDecisions.NOT_ELIGIBLE)))
                .hasMessageContaining("reasons for its decision");
        complete(panel, Map.of(Variables.PANEL_DECISION, PanelDecisions.NOT_ELIGIBLE, Variables.PANEL_REASONS,
                "Needs are predictable and met by the care home's staff"));

        assertThat(instance).isEnded().hasPassed(Elements.NOT_ELIGIBLE);
        org.assertj.core.api.Assertions.assertThat(variable(instance, Variables.RECOMMENDATION_CHANGED)).isEqualTo(false);
    }

    @Test
    void bestInterestsNeedsTheDecisionNoted() {
        checklistPositive = true;
        ProcessInstance instance = start();
        completeChecklist(instance);
        Map<String, Object> values = new HashMap<>(assessment());
        values.put(Variables.CONSENT_BASIS, ChcProcess.ConsentBases.BEST_INTERESTS);
        assertThatThrownBy(() -> complete(task(instance, Elements.ARRANGE_ASSESSMENT), values))
                .hasMessageContaining("Note the best-interests decision");
    }

    @Test
    void aDstLevelTheDomainDoesNotHaveIsRefused() {
        checklistPositive = true;
        ProcessInstance instance = start();
        completeChecklist(instance);
        arrangeAssessment(instance);
        Map<String, Object> values = dst();
        values.put(Variables.dstLevel("Continence"), "SEVERE");
        assertThatThrownBy(() -> complete(task(instance, Elements.DST), values)).hasMessageContaining(
                "Continence cannot be rated severe in the Decision Support Tool: its levels are none, low, moderate, high.");
    }

    @Test
    void warningsAtDay14And21AndABreachAtDay28WithAReasonRequired() {
        checklistPositive = true;
        recommendation = Recommendations.ELIGIBLE;
        ProcessInstance instance = start();
        completeChecklist(instance);

        execute(timer(instance, Elements.DAY_14_WARNING));
        org.assertj.core.api.Assertions.assertThat(deadlineEvents).containsExactly(DeadlineEvents.DAY_14_WARNING);
        assertThat(instance).isWaitingAt(Elements.ARRANGE_ASSESSMENT);

        execute(timer(instance, Elements.DAY_21_WARNING));
        execute(timer(instance, Elements.DAY_28_BREACH));
        org.assertj.core.api.Assertions.assertThat(deadlineEvents).containsExactly(DeadlineEvents.DAY_14_WARNING,
                DeadlineEvents.DAY_21_WARNING, DeadlineEvents.DAY_28_BREACH);
        assertThat(instance).isWaitingAt(Elements.ARRANGE_ASSESSMENT, Elements.EXPLAIN_BREACH);

        // The decision is made late; the breach still needs its reason before the case can close.
        arrangeAssessment(instance);
        completeDst(instance);
        complete(task(instance, Elements.PANEL_DECISION), Map.of(Variables.PANEL_DECISION, PanelDecisions.RATIFY));
        complete(task(instance, Elements.ARRANGE_CARE), Map.of(Variables.CARE_PACKAGE, "Home care, four visits a day",
                Variables.CARE_PROVIDER, "Stockport Home Care", Variables.CARE_START_DATE, "2027-01-04"));
        assertThat(instance).isNotEnded().isWaitingAt(Elements.EXPLAIN_BREACH);

        Task breach = task(instance, Elements.EXPLAIN_BREACH);
        assertThatThrownBy(() -> complete(breach, Map.of())).hasMessageContaining("Record why the decision was not made");
        complete(breach, Map.of(Variables.BREACH_REASON, "Records from the community team took three weeks"));

        assertThat(instance).isEnded().hasPassed(Elements.RECORD_BREACH_REASON, Elements.CARE_ARRANGED);
        org.assertj.core.api.Assertions.assertThat(deadlineEvents).endsWith(DeadlineEvents.BREACH_REASON);
    }

    @Test
    void aDecisionBeforeDay14CancelsEveryDeadlineTimer() {
        checklistPositive = true;
        recommendation = Recommendations.NOT_ELIGIBLE;
        ProcessInstance instance = toPanel();
        org.assertj.core.api.Assertions.assertThat(timerDueDates(instance)).hasSize(3);

        complete(task(instance, Elements.PANEL_DECISION), Map.of(Variables.PANEL_DECISION, PanelDecisions.RATIFY));

        assertThat(instance).isEnded();
        org.assertj.core.api.Assertions.assertThat(deadlineEvents).isEmpty();
        org.assertj.core.api.Assertions.assertThat(processEngine.getManagementService().createJobQuery().count()).isZero();
    }

    @Test
    void everyTaskAndTheStartEventUseTheirCamundaForm() {
        checklistPositive = true;
        recommendation = Recommendations.ELIGIBLE;
        String definitionId = processEngine.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey(ChcProcess.KEY).singleResult().getId();
        org.assertj.core.api.Assertions.assertThat(processEngine.getFormService().getStartFormKey(definitionId))
                .isNull();
        org.assertj.core.api.Assertions.assertThat(processEngine.getFormService().getStartFormData(definitionId)
                .getCamundaFormRef().getKey()).isEqualTo(ChcProcess.Forms.START);
        ProcessInstance instance = start();
        assertForm(task(instance, Elements.CHECKLIST), ChcProcess.Forms.CHECKLIST);
        completeChecklist(instance);
        assertForm(task(instance, Elements.ARRANGE_ASSESSMENT), ChcProcess.Forms.ARRANGE_ASSESSMENT);
        execute(timer(instance, Elements.DAY_28_BREACH));
        assertForm(task(instance, Elements.EXPLAIN_BREACH), ChcProcess.Forms.EXPLAIN_BREACH);
        arrangeAssessment(instance);
        assertForm(task(instance, Elements.DST), ChcProcess.Forms.DST);
        completeDst(instance);
        assertForm(task(instance, Elements.PANEL_DECISION), ChcProcess.Forms.PANEL_DECISION);
        complete(task(instance, Elements.PANEL_DECISION), Map.of(Variables.PANEL_DECISION, PanelDecisions.RATIFY));
        assertForm(task(instance, Elements.ARRANGE_CARE), ChcProcess.Forms.ARRANGE_CARE);
    }

    // ---- helpers

    private ProcessInstance toPanel() {
        ProcessInstance instance = start();
        completeChecklist(instance);
        arrangeAssessment(instance);
        completeDst(instance);
        assertThat(instance).isWaitingAt(Elements.PANEL_DECISION);
        return instance;
    }

    private ProcessInstance start() {
        Map<String, Object> variables = new HashMap<>();
        variables.put(Variables.NHS_NUMBER, "9434765919");
        variables.put(Variables.PATIENT_NAME, "Alex Testpatient");
        variables.put(Variables.PATIENT_BIRTH_DATE, "1941-03-02");
        variables.put(Variables.GP_PRACTICE_ODS, "A81001");
        variables.put(Variables.COUNCIL_CODE, "E08000007");
        return processEngine.getRuntimeService().startProcessInstanceByKey(ChcProcess.KEY, variables);
    }

    private void completeChecklist(ProcessInstance instance) {
        complete(task(instance, Elements.CHECKLIST), checklist());
    }

    private static Map<String, Object> checklist() {
        Map<String, Object> values = new HashMap<>();
        values.put(Variables.CHECKLIST_ASSESSOR, "Sam Jones, ward sister");
        for (String domain : ChcProcess.CHECKLIST_DOMAINS) {
            values.put(Variables.checklistLevel(domain), "C");
            values.put(Variables.checklistEvidence(domain), "Seen on the ward");
        }
        return values;
    }

    private void arrangeAssessment(ProcessInstance instance) {
        complete(task(instance, Elements.ARRANGE_ASSESSMENT), assessment());
    }

    private static Map<String, Object> assessment() {
        return Map.of(Variables.CONSENT_BASIS, ChcProcess.ConsentBases.CONSENT, Variables.ASSESSMENT_DATE, "2026-12-01",
                Variables.MDT_MEMBERS, "Jo Patel (nurse assessor), Chris Lee (social worker)");
    }

    private void completeDst(ProcessInstance instance) {
        complete(task(instance, Elements.DST), dst());
    }

    private static Map<String, Object> dst() {
        Map<String, Object> values = new HashMap<>();
        for (String domain : ChcProcess.DST_DOMAINS.keySet()) {
            boolean moderateAllowed = ChcProcess.DstLevels.allowed(domain).contains("MODERATE");
            values.put(Variables.dstLevel(domain), moderateAllowed ? "MODERATE" : "LOW");
            values.put(Variables.dstEvidence(domain), "Seen at the assessment");
        }
        values.put(Variables.NATURE, "n");
        values.put(Variables.INTENSITY, "i");
        values.put(Variables.COMPLEXITY, "c");
        values.put(Variables.UNPREDICTABILITY, "u");
        return values;
    }

    private void complete(Task task, Map<String, Object> values) {
        processEngine.getTaskService().complete(task.getId(), values);
    }

    private Task task(ProcessInstance instance, String key) {
        return processEngine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
                .taskDefinitionKey(key).singleResult();
    }

    private Job timer(ProcessInstance instance, String activity) {
        return job(activity, instance);
    }

    private List<Date> timerDueDates(ProcessInstance instance) {
        return processEngine.getManagementService().createJobQuery().processInstanceId(instance.getId()).timers().list()
                .stream().map(Job::getDuedate).toList();
    }

    private Object variable(ProcessInstance instance, String name) {
        return processEngine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(instance.getId()).variableName(name).singleResult().getValue();
    }

    private void assertForm(Task task, String formKey) {
        org.assertj.core.api.Assertions.assertThat(processEngine.getFormService().getTaskFormData(task.getId())
                .getCamundaFormRef().getKey()).isEqualTo(formKey);
    }

    private Date day(int day) {
        return Date.from(received.plus(day, ChronoUnit.DAYS));
    }

    private void mock(String name, Body body) {
        Mocks.register(name, (JavaDelegate) execution -> {
            calls.add(name);
            body.run(execution);
        });
    }

    @FunctionalInterface
    private interface Body {
        void run(DelegateExecution execution) throws Exception;
    }
}
