package org.handover.processes.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.handover.processes.transfer.TransferOfCareProcess.Delegates;
import org.handover.processes.transfer.TransferOfCareProcess.Elements;
import org.handover.processes.transfer.TransferOfCareProcess.Messages;
import org.handover.processes.transfer.TransferOfCareProcess.Resolutions;
import org.handover.processes.transfer.TransferOfCareProcess.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Model tests of the transfer-of-care process on an in-memory engine. The mock delegates set the variables the real
 * ones set (see each service task's documentation) and record that they ran; GP responses are correlated as the
 * inbox poller does, by business key and the awaited message id.
 */
@ExtendWith(ProcessEngineExtension.class)
@Deployment(resources = {TransferOfCareProcess.RESOURCE, "forms/complete-discharge-summary.form",
        "forms/resolve-gp-delivery.form", "forms/chase-late-discharge-summary.form"})
class TransferOfCareProcessTest {

    private static final String EPISODE = "EP-TOC-1";

    ProcessEngine processEngine;
    private final List<String> calls = new ArrayList<>();
    private final List<Boolean> validity = new ArrayList<>();
    private final List<Boolean> mailboxes = new ArrayList<>();
    private int built;
    private final Date discharged = Date.from(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final Date warningAt = Date.from(discharged.toInstant().plus(18, ChronoUnit.HOURS));
    private final Date breachAt = Date.from(discharged.toInstant().plus(24, ChronoUnit.HOURS));

    @BeforeEach
    void registerDelegates() {
        mock(Delegates.RECORD_SUMMARY, execution -> { });
        mock(Delegates.BUILD_MESSAGE, execution -> {
            built++;
            boolean valid = validity.isEmpty() || validity.remove(0);
            execution.setVariable(Variables.MESSAGE_VALID, org.camunda.bpm.engine.variable.Variables.booleanValue(valid,
                    true));
            if (valid) {
                execution.removeVariable(Variables.VALIDATION_ERRORS);
            } else {
                execution.setVariable(Variables.VALIDATION_ERRORS, "Composition.section: text missing");
            }
            execution.setVariable(Variables.PENDING_MESSAGE_ID, "msg-" + built);
        });
        mock(Delegates.SEND, execution -> {
            boolean found = mailboxes.isEmpty() || mailboxes.remove(0);
            execution.setVariable(Variables.GP_MAILBOX_FOUND, org.camunda.bpm.engine.variable.Variables.booleanValue(
                    found, true));
            if (found) {
                execution.setVariable(Variables.AWAITING_MESSAGE_ID, execution.getVariable(Variables.PENDING_MESSAGE_ID));
                calls.add("sent " + execution.getVariable(Variables.PENDING_MESSAGE_ID));
            } else {
                execution.setVariable(Variables.DELIVERY_PROBLEM, "No MESH mailbox for practice A81001");
            }
        });
        mock(Delegates.RECORD_DELIVERED_OTHERWISE, execution -> { });
        mock(Delegates.RECORD_SLA_WARNING, execution -> { });
        mock(Delegates.RECORD_SLA_BREACH, execution -> { });
        mock(Delegates.WITHDRAW, execution -> calls.add("withdraw awaiting="
                + execution.getVariable(Variables.AWAITING_MESSAGE_ID)));
        BpmnAwareTests.init(processEngine);
    }

    @AfterEach
    void reset() {
        Mocks.reset();
    }

    @Test
    void theWardCompletesTheSummaryAndTheGpAcknowledges() {
        ProcessInstance instance = start(false);
        Task summary = task(instance, Elements.COMPLETE_SUMMARY);
        BpmnAwareTests.assertThat(summary).hasCandidateGroup(TransferOfCareProcess.WARD_ADMINS_GROUP)
                .hasName("Complete discharge summary: Ada Lovelace (Ward 7)");
        assertThat(summary.getDueDate()).isEqualTo(breachAt);
        assertThat(summary.getCamundaFormRef().getKey()).isEqualTo(TransferOfCareProcess.Forms.COMPLETE_SUMMARY);

        complete(summary, summaryFields("no"));

        build(instance);

        BpmnAwareTests.assertThat(instance).isWaitingAt(Elements.GP_RESPONSE);
        acknowledge("msg-1");
        BpmnAwareTests.assertThat(instance).isEnded().hasPassed(Elements.SUMMARY_ACKNOWLEDGED, Elements.COMPLETE);
        assertThat(calls).containsExactly(Delegates.RECORD_SUMMARY, Delegates.BUILD_MESSAGE, Delegates.SEND, "sent msg-1");
    }

    @Test
    void everyRequiredHeadingMustBeFilledIn() {
        ProcessInstance instance = start(false);
        Task summary = task(instance, Elements.COMPLETE_SUMMARY);
        Map<String, Object> fields = summaryFields("no");
        fields.put(Variables.ALLERGIES, " ");
        fields.remove(Variables.GP_ACTIONS);

        assertThatThrownBy(() -> complete(summary, fields)).isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("missing: gpActions, allergies");
        Map<String, Object> oddResults = summaryFields("maybe");
        assertThatThrownBy(() -> complete(summary, oddResults)).hasMessageContaining("\"yes\" or \"no\"");
        BpmnAwareTests.assertThat(instance).isWaitingAt(Elements.COMPLETE_SUMMARY);
    }

    @Test
    void aCompleteSummaryFromUpstreamSkipsTheTask() {
        ProcessInstance instance = built(start(true));

        BpmnAwareTests.assertThat(instance).isWaitingAt(Elements.GP_RESPONSE)
                .hasNotPassed(Elements.COMPLETE_SUMMARY);
        assertThat(calls).containsExactly(Delegates.BUILD_MESSAGE, Delegates.SEND, "sent msg-1");
    }

    @Test
    void anInvalidMessageNeverLeavesAndOpensAFixTask() {
        validity.add(false);
        ProcessInstance instance = built(start(true));

        Task fix = task(instance, Elements.FIX_SUMMARY);
        BpmnAwareTests.assertThat(fix).hasCandidateGroup(TransferOfCareProcess.WARD_ADMINS_GROUP);
        assertThat(variable(instance, Variables.VALIDATION_ERRORS)).isEqualTo("Composition.section: text missing");
        assertThat(calls).doesNotContain(Delegates.SEND);

        complete(fix, summaryFields("no"));

        build(instance);

        BpmnAwareTests.assertThat(instance).isWaitingAt(Elements.GP_RESPONSE);
        assertThat(calls).contains("sent msg-2");
    }

    @Test
    void aNegativeAcknowledgementOpensAResolveTaskAndAResendWaitsForTheNewMessage() {
        ProcessInstance instance = built(start(true));
        reject("msg-1", "ITK 30002: patient not registered at this practice");

        Task resolve = task(instance, Elements.RESOLVE_DELIVERY);
        BpmnAwareTests.assertThat(resolve).hasCandidateGroup(TransferOfCareProcess.WARD_ADMINS_GROUP)
                .hasName("Resolve GP delivery problem: Ada Lovelace (A81001)");
        assertThat(variable(instance, Variables.DELIVERY_PROBLEM)).isEqualTo("ITK 30002: patient not registered at this practice");
        assertThatThrownBy(() -> complete(resolve, map())).hasMessageContaining("Choose a resolution");

        complete(resolve, map(Variables.RESOLUTION, Resolutions.RESEND, Variables.GP_PRACTICE_ODS, "A81002"));
        build(instance);

        assertThat(variable(instance, Variables.GP_PRACTICE_ODS)).isEqualTo("A81002");
        acknowledge("msg-1"); // a late answer about the first message correlates nothing
        BpmnAwareTests.assertThat(instance).isWaitingAt(Elements.GP_RESPONSE);
        acknowledge("msg-2");
        BpmnAwareTests.assertThat(instance).isEnded().hasPassed(Elements.SUMMARY_ACKNOWLEDGED);
    }

    @Test
    void aPracticeWithoutAMailboxIsResolvedByDeliveringOtherwise() {
        mailboxes.add(false);
        ProcessInstance instance = built(start(true));

        Task resolve = task(instance, Elements.RESOLVE_DELIVERY);
        assertThat(variable(instance, Variables.DELIVERY_PROBLEM)).isEqualTo("No MESH mailbox for practice A81001");
        assertThatThrownBy(() -> complete(resolve, map(Variables.RESOLUTION, Resolutions.DELIVERED_OTHERWISE)))
                .hasMessageContaining("resolutionNote");

        complete(resolve, map(Variables.RESOLUTION, Resolutions.DELIVERED_OTHERWISE,
                Variables.RESOLUTION_NOTE, "Secure email to the practice manager"));

        BpmnAwareTests.assertThat(instance).isEnded().hasPassed(Elements.RECORD_DELIVERED_OTHERWISE,
                Elements.DELIVERED_OTHERWISE);
    }

    @Test
    void theWarningEscalatesToTheLeadsAndTheBreachIsRecordedUntilTheGpAcknowledges() {
        ProcessInstance instance = start(false);
        Job warning = job(Elements.SLA_WARNING, instance);
        assertThat(warning.getDuedate()).isEqualTo(warningAt);
        assertThat(job(Elements.SLA_BREACH, instance).getDuedate()).isEqualTo(breachAt);

        execute(warning);

        Task chase = task(instance, Elements.CHASE_SUMMARY);
        BpmnAwareTests.assertThat(chase).hasCandidateGroup("discharge-leads")
                .hasName("Discharge summary at risk of missing 24 hours: Ada Lovelace (Ward 7)");
        assertThat(chase.getDueDate()).isEqualTo(breachAt);
        assertThatThrownBy(() -> complete(chase, map())).hasMessageContaining("Record the action taken");

        execute(job(Elements.SLA_BREACH, instance));
        assertThat(calls).contains(Delegates.RECORD_SLA_WARNING, Delegates.RECORD_SLA_BREACH);

        complete(task(instance, Elements.COMPLETE_SUMMARY), summaryFields("no"));

        build(instance);
        acknowledge("msg-1");

        BpmnAwareTests.assertThat(instance).isEnded();
        assertThat(processEngine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).count())
                .as("the escalation closes itself").isZero();
    }

    @Test
    void theAcknowledgementStopsTheSlaTimers() {
        ProcessInstance instance = built(start(true));
        acknowledge("msg-1");
        BpmnAwareTests.assertThat(instance).isEnded();
        assertThat(processEngine.getManagementService().createJobQuery().processInstanceId(instance.getId()).count())
                .isZero();
        assertThat(calls).doesNotContain(Delegates.RECORD_SLA_WARNING, Delegates.RECORD_SLA_BREACH);
    }

    @Test
    void pendingResultsFollowAsAnAddendum() {
        ProcessInstance instance = start(false);
        complete(task(instance, Elements.COMPLETE_SUMMARY), summaryFields("yes"));
        build(instance);
        acknowledge("msg-1");

        BpmnAwareTests.assertThat(instance).isWaitingAt(Elements.RESULTS_ARRIVED);
        processEngine.getRuntimeService().createMessageCorrelation(Messages.RESULTS_ARRIVED)
                .processInstanceBusinessKey(EPISODE)
                .setVariable(Variables.PENDING_MESSAGE_ID, "addendum-1")
                .correlate();

        BpmnAwareTests.assertThat(instance).isWaitingAt(Elements.ADDENDUM_RESPONSE);
        assertThat(calls).contains("sent addendum-1");
        acknowledge("addendum-1");
        BpmnAwareTests.assertThat(instance).isEnded().hasPassed(Elements.ADDENDUM_COMPLETE);
    }

    @Test
    void aRejectedAddendumAsksTheWardToSendTheResultsAnotherWay() {
        ProcessInstance instance = built(start(true));
        processEngine.getRuntimeService().setVariable(instance.getId(), Variables.RESULTS_PENDING, "yes");
        acknowledge("msg-1");
        processEngine.getRuntimeService().createMessageCorrelation(Messages.RESULTS_ARRIVED)
                .processInstanceBusinessKey(EPISODE).setVariable(Variables.PENDING_MESSAGE_ID, "addendum-1").correlate();

        reject("addendum-1", "EPL-151: No mailbox matched");

        Task resolve = task(instance, Elements.RESOLVE_ADDENDUM);
        BpmnAwareTests.assertThat(resolve).hasCandidateGroup(TransferOfCareProcess.WARD_ADMINS_GROUP);
        complete(resolve, map(Variables.ACTION_TAKEN, "Results phoned to the practice"));
        BpmnAwareTests.assertThat(instance).isEnded().hasPassed(Elements.ADDENDUM_RESOLVED);
    }

    @Test
    void aCancellationAfterSendingWithdrawsEverythingAndTellsTheGp() {
        ProcessInstance instance = built(start(true));
        execute(job(Elements.SLA_WARNING, instance));

        cancel("A13: discharge entered in error");

        BpmnAwareTests.assertThat(instance).isEnded().hasPassed(Elements.WITHDRAW, Elements.WITHDRAWN);
        assertThat(calls).contains("withdraw awaiting=msg-1");
        assertThat(processEngine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).count()).isZero();
        assertThat(processEngine.getManagementService().createJobQuery().processInstanceId(instance.getId()).count())
                .isZero();
    }

    @Test
    void aCancellationBeforeTheSummaryOnlyWithdraws() {
        ProcessInstance instance = start(false);

        cancel("A11: admission cancelled");

        BpmnAwareTests.assertThat(instance).isEnded().hasPassed(Elements.WITHDRAWN).hasNotPassed(Elements.SEND);
        assertThat(calls).contains("withdraw awaiting=null");
    }

    private ProcessInstance start(boolean summaryFromUpstream) {
        return processEngine.getRuntimeService().startProcessInstanceByKey(TransferOfCareProcess.KEY, EPISODE,
                map(Variables.EPISODE_ID, EPISODE, Variables.PATIENT_NAME, "Ada Lovelace", Variables.WARD, "Ward 7",
                        Variables.GP_PRACTICE_ODS, "A81001", Variables.SUMMARY_COMPLETE, summaryFromUpstream,
                        Variables.RESULTS_PENDING, "no",
                        Variables.SLA_WARNING_AT, warningAt, Variables.SLA_BREACH_AT, breachAt,
                        Variables.ESCALATION_GROUP, "discharge-leads"));
    }

    /** Runs the asynchronous build-and-send step the job executor would run. */
    private ProcessInstance built(ProcessInstance instance) {
        build(instance);
        return instance;
    }

    private void build(ProcessInstance instance) {
        BpmnAwareTests.assertThat(instance).isWaitingAt(Elements.BUILD_MESSAGE);
        execute(job(Elements.BUILD_MESSAGE, instance));
    }

    private void acknowledge(String messageId) {
        processEngine.getRuntimeService().createMessageCorrelation(Messages.GP_ACKNOWLEDGED)
                .processInstanceBusinessKey(EPISODE)
                .processInstanceVariableEquals(Variables.AWAITING_MESSAGE_ID, messageId)
                .correlateAll();
    }

    private void reject(String messageId, String problem) {
        processEngine.getRuntimeService().createMessageCorrelation(Messages.GP_REJECTED)
                .processInstanceBusinessKey(EPISODE)
                .processInstanceVariableEquals(Variables.AWAITING_MESSAGE_ID, messageId)
                .setVariable(Variables.DELIVERY_PROBLEM, problem)
                .correlateAll();
    }

    private void cancel(String reason) {
        processEngine.getRuntimeService().createMessageCorrelation(Messages.DISCHARGE_CANCELLED)
                .processInstanceBusinessKey(EPISODE)
                .setVariable(Variables.CANCELLATION_REASON, reason)
                .correlate();
    }

    private static Map<String, Object> summaryFields(String resultsPending) {
        return map(Variables.GP_ACTIONS, "Check U&Es in 1 week", Variables.DIAGNOSES, "Community-acquired pneumonia",
                Variables.CLINICAL_SUMMARY, "Treated with antibiotics; recovered.", Variables.MEDICATIONS,
                "Amoxicillin 500 mg three times a day - STARTED: 3 more days", Variables.ALLERGIES, "No known allergies",
                Variables.PATIENT_INFORMATION, "Leaflet on pneumonia", Variables.RESULTS_PENDING, resultsPending,
                Variables.COMPLETED_BY, "Dr Ann Smith, FY2");
    }

    private interface Body {
        void run(DelegateExecution execution) throws Exception;
    }

    private void mock(String name, Body body) {
        Mocks.register(name, (JavaDelegate) execution -> {
            calls.add(name);
            body.run(execution);
        });
    }

    private void complete(Task task, Map<String, Object> variables) {
        processEngine.getTaskService().complete(task.getId(), variables);
    }

    private static Map<String, Object> map(Object... pairs) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private Task task(ProcessInstance instance, String definitionKey) {
        return processEngine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
                .taskDefinitionKey(definitionKey).initializeFormKeys().singleResult();
    }

    private Object variable(ProcessInstance instance, String name) {
        return processEngine.getRuntimeService().getVariable(instance.getId(), name);
    }
}
