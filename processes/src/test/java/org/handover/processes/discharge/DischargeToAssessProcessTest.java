package org.handover.processes.discharge;

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
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.handover.processes.discharge.DischargeToAssessProcess.Delegates;
import org.handover.processes.discharge.DischargeToAssessProcess.Elements;
import org.handover.processes.discharge.DischargeToAssessProcess.Messages;
import org.handover.processes.discharge.DischargeToAssessProcess.Pathways;
import org.handover.processes.discharge.DischargeToAssessProcess.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Model tests of the Discharge to Assess process on an in-memory engine. The mock delegates set the variables the real
 * ones set (see each service task's documentation) and record that they ran.
 */
@ExtendWith(ProcessEngineExtension.class)
@Deployment(resources = {DischargeToAssessProcess.RESOURCE, "forms/confirm-discharge-pathway.form",
        "forms/acknowledge-discharge-notification.form", "forms/escalate-discharge-notification.form"})
class DischargeToAssessProcessTest {

    private static final String EPISODE = "EP-0001";
    private static final String STOCKPORT_GROUP = "social-care-la-stockport";

    ProcessEngine processEngine;
    private final List<String> calls = new ArrayList<>();
    private String proposed = Pathways.HOME_WITH_SUPPORT;
    private String councilFromRules = "LA-STOCKPORT";
    private final Date dueDate = Date.from(Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS));

    @BeforeEach
    void registerDelegates() {
        mock(Delegates.PROPOSE, execution -> {
            execution.setVariable(Variables.PROPOSED_PATHWAY, proposed);
            execution.setVariable(Variables.PATHWAY, proposed);
            execution.setVariable(Variables.PATHWAY_REASON, "Pathway 1 (home with new support): needs support at home");
            execution.setVariable(Variables.RULES_FIRED, "NewSupportAtHome, CouncilByPostcodeArea");
            execution.setVariable(Variables.COUNCIL_KNOWN, councilFromRules != null);
            if (councilFromRules != null) {
                execution.setVariable(Variables.COUNCIL_CODE, councilFromRules);
            }
            execution.setVariable(Variables.POSSIBLE_CHC_NEED, false);
        });
        mock(Delegates.RECORD, execution -> {
            String council = (String) execution.getVariable(Variables.COUNCIL_CODE);
            execution.setVariable(Variables.COUNCIL_NAME, council);
            execution.setVariable(Variables.SOCIAL_CARE_GROUP, council == null ? null : "social-care-" + council.toLowerCase());
            execution.setVariable(Variables.ESCALATION_GROUP, "discharge-leads");
        });
        mock(Delegates.NOTIFY, execution -> {
            execution.setVariable(Variables.COUNCIL_NOTIFIED, true);
            execution.setVariable(Variables.ACKNOWLEDGE_DUE_DATE, dueDate);
            execution.setVariable(Variables.NOTICE_SUMMARY, "Pathway 1 notice");
        });
        mock(Delegates.RECORD_ACKNOWLEDGEMENT, execution -> { });
        mock(Delegates.WITHDRAW, execution -> calls.add("withdraw notified=" + execution.getVariable(Variables.COUNCIL_NOTIFIED)));
        BpmnAwareTests.init(processEngine);
    }

    @AfterEach
    void reset() {
        Mocks.reset();
    }

    @Test
    void theCoordinatorConfirmsTheProposalAndTheCouncilAcknowledges() {
        ProcessInstance instance = start();
        BpmnAwareTests.assertThat(instance).isWaitingAt(Elements.CONFIRM);
        Task confirm = task(instance, Elements.CONFIRM);
        BpmnAwareTests.assertThat(confirm).hasCandidateGroup(DischargeToAssessProcess.COORDINATORS_GROUP)
                .hasName("Confirm Discharge to Assess pathway: Ada Lovelace");
        assertThat(confirm.getCamundaFormRef().getKey()).isEqualTo(DischargeToAssessProcess.Forms.CONFIRM);

        complete(confirm);

        BpmnAwareTests.assertThat(instance).isWaitingAt(Elements.ACKNOWLEDGE);
        Task acknowledge = task(instance, Elements.ACKNOWLEDGE);
        BpmnAwareTests.assertThat(acknowledge).hasCandidateGroup(STOCKPORT_GROUP);
        assertThat(acknowledge.getDueDate()).isEqualTo(dueDate);
        assertThat(acknowledge.getCamundaFormRef().getKey()).isEqualTo(DischargeToAssessProcess.Forms.ACKNOWLEDGE);
        assertThat(job(Elements.ACKNOWLEDGEMENT_OVERDUE, instance).getDuedate()).isEqualTo(dueDate);

        complete(acknowledge, Variables.COUNCIL_REFERENCE, "SC-123");

        BpmnAwareTests.assertThat(instance).isEnded().hasPassed(Elements.RECORD_ACKNOWLEDGEMENT, Elements.ACKNOWLEDGED);
        assertThat(calls).containsExactly(Delegates.PROPOSE, Delegates.RECORD, Delegates.NOTIFY,
                Delegates.RECORD_ACKNOWLEDGEMENT);
    }

    @Test
    void changingThePathwayNeedsAReason() {
        ProcessInstance instance = start();
        Task confirm = task(instance, Elements.CONFIRM);

        assertThatThrownBy(() -> complete(confirm, Variables.PATHWAY, Pathways.CARE_HOME))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Say why you chose pathway 3");
        assertThatThrownBy(() -> complete(confirm, Variables.PATHWAY, Pathways.CARE_HOME,
                Variables.PATHWAY_CHANGE_REASON, "   ")).hasMessageContaining("pathwayChangeReason");
        BpmnAwareTests.assertThat(instance).isWaitingAt(Elements.CONFIRM);

        complete(confirm, Variables.PATHWAY, Pathways.CARE_HOME, Variables.PATHWAY_CHANGE_REASON,
                "Family and OT agree she cannot return home");

        BpmnAwareTests.assertThat(instance).isWaitingAt(Elements.ACKNOWLEDGE);
        assertThat(variable(instance, Variables.PATHWAY)).isEqualTo("3");
    }

    @Test
    void changingToPathwayZeroEndsWithoutTellingTheCouncil() {
        ProcessInstance instance = start();

        complete(task(instance, Elements.CONFIRM), Variables.PATHWAY, Pathways.HOME_NO_NEW_SUPPORT,
                Variables.PATHWAY_CHANGE_REASON, "Daughter moving in; no new support needed");

        BpmnAwareTests.assertThat(instance).isEnded().hasPassed(Elements.NO_NEW_SUPPORT);
        assertThat(calls).doesNotContain(Delegates.NOTIFY);
    }

    @Test
    void aNeedsReviewProposalMustBeDecidedWithAReason() {
        proposed = Pathways.NEEDS_REVIEW;
        ProcessInstance instance = start();
        Task confirm = task(instance, Elements.CONFIRM);

        assertThatThrownBy(() -> complete(confirm)).hasMessageContaining("Choose the Discharge to Assess pathway: 0, 1, 2 or 3, not 'review'");
        assertThatThrownBy(() -> complete(confirm, Variables.PATHWAY, "0")).hasMessageContaining("Say why");
        assertThatThrownBy(() -> complete(confirm, Variables.PATHWAY, "4", Variables.PATHWAY_CHANGE_REASON, "x"))
                .hasMessageContaining("not '4'");

        complete(confirm, Variables.PATHWAY, "2", Variables.PATHWAY_CHANGE_REASON, "Physio: needs rehab bed");

        BpmnAwareTests.assertThat(instance).isWaitingAt(Elements.ACKNOWLEDGE);
    }

    @Test
    void anUnknownCouncilMustBePickedForPathwaysOneToThree() {
        councilFromRules = null;
        ProcessInstance instance = start();
        Task confirm = task(instance, Elements.CONFIRM);

        assertThatThrownBy(() -> complete(confirm)).hasMessageContaining("Pick the council");

        complete(confirm, Variables.COUNCIL_CODE, "LA-LEEDS");

        BpmnAwareTests.assertThat(task(instance, Elements.ACKNOWLEDGE)).hasCandidateGroup("social-care-la-leeds");
    }

    @Test
    void anUnknownCouncilIsNotNeededForPathwayZero() {
        councilFromRules = null;
        proposed = Pathways.HOME_NO_NEW_SUPPORT;
        ProcessInstance instance = start();

        complete(task(instance, Elements.CONFIRM));

        BpmnAwareTests.assertThat(instance).isEnded().hasPassed(Elements.NO_NEW_SUPPORT);
    }

    @Test
    void aLateAcknowledgementIsEscalatedAndTheEscalationClosesOnAcknowledgement() {
        ProcessInstance instance = start();
        complete(task(instance, Elements.CONFIRM));

        execute(job(Elements.ACKNOWLEDGEMENT_OVERDUE, instance));

        Task escalation = task(instance, Elements.ESCALATE);
        BpmnAwareTests.assertThat(escalation).hasCandidateGroup("discharge-leads")
                .hasName("Council has not acknowledged: Ada Lovelace (LA-STOCKPORT)");
        assertThat(escalation.getCamundaFormRef().getKey()).isEqualTo(DischargeToAssessProcess.Forms.ESCALATE);
        BpmnAwareTests.assertThat(instance).isWaitingAt(Elements.ACKNOWLEDGE, Elements.ESCALATE);
        assertThatThrownBy(() -> complete(escalation)).hasMessageContaining("Record the action taken");

        complete(task(instance, Elements.ACKNOWLEDGE));

        BpmnAwareTests.assertThat(instance).isEnded();
        assertThat(processEngine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).count()).isZero();
    }

    @Test
    void theLeadRecordsWhatTheyDidAndTheCouncilStillAcknowledges() {
        ProcessInstance instance = start();
        complete(task(instance, Elements.CONFIRM));
        execute(job(Elements.ACKNOWLEDGEMENT_OVERDUE, instance));

        complete(task(instance, Elements.ESCALATE), Variables.ACTION_TAKEN, "Phoned the hub");

        BpmnAwareTests.assertThat(instance).isWaitingAt(Elements.ACKNOWLEDGE);
        assertThat(variable(instance, Variables.ACTION_TAKEN)).as("local to the escalation").isNull();
        complete(task(instance, Elements.ACKNOWLEDGE));
        BpmnAwareTests.assertThat(instance).isEnded();
    }

    @Test
    void aCancellationAfterTheNoticeWithdrawsAndTellsTheCouncil() {
        ProcessInstance instance = start();
        complete(task(instance, Elements.CONFIRM));
        execute(job(Elements.ACKNOWLEDGEMENT_OVERDUE, instance));

        cancel("A13: discharge entered in error");

        BpmnAwareTests.assertThat(instance).isEnded().hasPassed(Elements.WITHDRAW, Elements.WITHDRAWN);
        assertThat(calls).contains("withdraw notified=true");
        assertThat(processEngine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).count()).isZero();
        assertThat(processEngine.getManagementService().createJobQuery().processInstanceId(instance.getId()).count()).isZero();
    }

    @Test
    void aCancellationBeforeTheNoticeOnlyWithdraws() {
        ProcessInstance instance = start();

        cancel("A11: admission cancelled");

        BpmnAwareTests.assertThat(instance).isEnded().hasPassed(Elements.WITHDRAWN).hasNotPassed(Elements.NOTIFY);
        assertThat(calls).contains("withdraw notified=null");
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

    private ProcessInstance start() {
        return processEngine.getRuntimeService().startProcessInstanceByKey(DischargeToAssessProcess.KEY, EPISODE,
                map(Variables.EPISODE_ID, EPISODE, Variables.PATIENT_NAME, "Ada Lovelace",
                        Variables.NHS_NUMBER, "9990000018"));
    }

    private void cancel(String reason) {
        processEngine.getRuntimeService().createMessageCorrelation(Messages.DISCHARGE_CANCELLED)
                .processInstanceBusinessKey(EPISODE)
                .setVariable(Variables.CANCELLATION_REASON, reason)
                .correlate();
    }

    private void complete(Task task, Object... pairs) {
        processEngine.getTaskService().complete(task.getId(), map(pairs));
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
