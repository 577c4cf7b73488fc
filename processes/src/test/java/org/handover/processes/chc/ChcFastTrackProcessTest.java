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
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.handover.processes.chc.ChcFastTrackProcess.Elements;
import org.handover.processes.chc.ChcProcess.Delegates;
import org.handover.processes.chc.ChcProcess.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Model tests of the Fast Track: accepted within 48 hours, then care arranged; no Checklist, no DST. */
@ExtendWith(ProcessEngineExtension.class)
@Deployment(resources = {ChcFastTrackProcess.RESOURCE, "forms/chc-fast-track.form",
        "forms/chc-fast-track-acceptance.form", "forms/chc-arrange-care.form"})
class ChcFastTrackProcessTest {

    ProcessEngine processEngine;
    private final List<String> calls = new ArrayList<>();
    private final Instant received = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @BeforeEach
    void registerDelegates() {
        register(Delegates.OPEN_CASE);
        Mocks.register(Delegates.REFER_TO_ICB, (JavaDelegate) execution -> {
            calls.add(Delegates.REFER_TO_ICB);
            execution.setVariable(ChcFastTrackProcess.Variables.ACCEPT_DUE_AT,
                    Date.from(received.plus(ChcFastTrackProcess.ACCEPT_WITHIN_HOURS, ChronoUnit.HOURS)));
        });
        Mocks.register(Delegates.RECORD_DEADLINE, (JavaDelegate) execution ->
                calls.add((String) execution.getVariableLocal(Variables.DEADLINE_EVENT)));
        register(ChcFastTrackProcess.Delegates.RECORD_ACCEPTANCE);
        register(Delegates.RECORD_CARE);
    }

    @AfterEach
    void reset() {
        Mocks.reset();
    }

    @Test
    void acceptedWithin48HoursThenCareArrangedWithoutChecklistOrDst() {
        ProcessInstance instance = start();

        assertThat(instance).isWaitingAt(Elements.ACCEPT);
        Task accept = task(instance, Elements.ACCEPT);
        assertThat(accept).hasCandidateGroup(ChcProcess.COORDINATORS);
        org.assertj.core.api.Assertions.assertThat(accept.getDueDate()).isEqualTo(Date.from(received.plus(48, ChronoUnit.HOURS)));
        org.assertj.core.api.Assertions.assertThat(accept.getPriority()).isEqualTo(90);

        assertThatThrownBy(() -> complete(accept, Map.of(ChcFastTrackProcess.Variables.ACCEPTANCE_NOTE, "ok")))
                .hasMessageContaining("Confirm the ICB accepts");
        complete(accept, Map.of(ChcFastTrackProcess.Variables.ACCEPTED, true,
                ChcFastTrackProcess.Variables.ACCEPTANCE_NOTE, "Accepted by Pat Green, CHC lead"));
        assertThat(instance).isWaitingAt(Elements.ARRANGE_CARE);
        complete(task(instance, Elements.ARRANGE_CARE), Map.of(Variables.CARE_PACKAGE, "Hospice at home",
                Variables.CARE_PROVIDER, "St Ann's Hospice", Variables.CARE_START_DATE, "2026-11-23"));

        assertThat(instance).isEnded().hasPassed(Elements.CARE_ARRANGED);
        org.assertj.core.api.Assertions.assertThat(calls).containsExactly(Delegates.OPEN_CASE, Delegates.REFER_TO_ICB,
                ChcFastTrackProcess.Delegates.RECORD_ACCEPTANCE, Delegates.RECORD_CARE);
    }

    @Test
    void acceptanceOverdueAfter48HoursIsRecordedAndTheTaskStays() {
        ProcessInstance instance = start();
        org.assertj.core.api.Assertions.assertThat(job(Elements.ACCEPTANCE_OVERDUE, instance).getDuedate())
                .isEqualTo(Date.from(received.plus(48, ChronoUnit.HOURS)));

        execute(job(Elements.ACCEPTANCE_OVERDUE, instance));

        org.assertj.core.api.Assertions.assertThat(calls).contains(ChcProcess.DeadlineEvents.FAST_TRACK_OVERDUE);
        assertThat(instance).isWaitingAt(Elements.ACCEPT);
    }

    @Test
    void startAndTasksUseTheirForms() {
        String definitionId = processEngine.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey(ChcFastTrackProcess.KEY).singleResult().getId();
        org.assertj.core.api.Assertions.assertThat(processEngine.getFormService().getStartFormData(definitionId)
                .getCamundaFormRef().getKey()).isEqualTo(ChcFastTrackProcess.Forms.START);
        ProcessInstance instance = start();
        org.assertj.core.api.Assertions.assertThat(processEngine.getFormService()
                .getTaskFormData(task(instance, Elements.ACCEPT).getId()).getCamundaFormRef().getKey())
                .isEqualTo(ChcFastTrackProcess.Forms.ACCEPT);
    }

    private ProcessInstance start() {
        Map<String, Object> variables = new HashMap<>();
        variables.put(Variables.NHS_NUMBER, "9434765919");
        variables.put(Variables.PATIENT_NAME, "Alex Testpatient");
        variables.put(ChcFastTrackProcess.Variables.PATHWAY, ChcFastTrackProcess.Pathways.FAST_TRACK);
        return processEngine.getRuntimeService().startProcessInstanceByKey(ChcFastTrackProcess.KEY, variables);
    }

    private void register(String name) {
        Mocks.register(name, (JavaDelegate) execution -> calls.add(name));
    }

    private void complete(Task task, Map<String, Object> values) {
        processEngine.getTaskService().complete(task.getId(), values);
    }

    private Task task(ProcessInstance instance, String key) {
        return processEngine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
                .taskDefinitionKey(key).singleResult();
    }
}
