package org.handover.processes.delivery;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ProcessEngineExtension.class)
@Deployment(resources = {DeliveryFailedProcess.RESOURCE, "forms/delivery-failed.form"})
class DeliveryFailedProcessTest {

    ProcessEngine processEngine;
    private final List<String> retried = new ArrayList<>();
    private final List<String> abandoned = new ArrayList<>();

    @BeforeEach
    void registerDelegates() {
        Mocks.register("retryDeliveryDelegate", (JavaDelegate) execution ->
                retried.add((String) execution.getVariable(DeliveryFailedProcess.Variables.MESSAGE_ID)));
        Mocks.register("abandonDeliveryDelegate", (JavaDelegate) execution ->
                abandoned.add((String) execution.getVariable(DeliveryFailedProcess.Variables.REASON)));
    }

    @AfterEach
    void reset() {
        Mocks.reset();
    }

    @Test
    void aDeadLetterWaitsForACommunicationsAdministrator() {
        ProcessInstance instance = start();
        assertThat(instance).isWaitingAt(DeliveryFailedProcess.Elements.RESOLVE);
        assertThat(task(instance)).hasCandidateGroup(DeliveryFailedProcess.CANDIDATE_GROUP);
        org.assertj.core.api.Assertions.assertThat(task(instance).getDueDate()).isNotNull();
        org.assertj.core.api.Assertions.assertThat(task(instance).getName()).isEqualTo("Delivery failed: gp DischargeSummaryIssued");
    }

    @Test
    void retryPutsTheMessageBackInTheOutbox() {
        ProcessInstance instance = start();
        processEngine.getTaskService().complete(task(instance).getId(), withVariables(
                DeliveryFailedProcess.Variables.RESOLUTION, DeliveryFailedProcess.Resolutions.RETRY));
        assertThat(instance).hasPassed(DeliveryFailedProcess.Elements.RETRY).isEnded();
        org.assertj.core.api.Assertions.assertThat(retried).containsExactly("msg-1");
    }

    @Test
    void abandoningNeedsAReason() {
        ProcessInstance instance = start();
        String taskId = task(instance).getId();
        assertThatThrownBy(() -> processEngine.getTaskService().complete(taskId, withVariables(
                DeliveryFailedProcess.Variables.RESOLUTION, DeliveryFailedProcess.Resolutions.ABANDON)))
                .isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("Give a reason");
        assertThat(instance).isWaitingAt(DeliveryFailedProcess.Elements.RESOLVE);

        processEngine.getTaskService().complete(taskId, withVariables(
                DeliveryFailedProcess.Variables.RESOLUTION, DeliveryFailedProcess.Resolutions.ABANDON,
                DeliveryFailedProcess.Variables.REASON, "Sent by post instead"));
        assertThat(instance).hasPassed(DeliveryFailedProcess.Elements.ABANDON).isEnded();
        org.assertj.core.api.Assertions.assertThat(abandoned).containsExactly("Sent by post instead");
    }

    @Test
    void completingWithoutADecisionIsRefused() {
        ProcessInstance instance = start();
        String taskId = task(instance).getId();
        assertThatThrownBy(() -> processEngine.getTaskService().complete(taskId))
                .hasMessageContaining("Choose Retry or Abandon");
        assertThat(instance).isWaitingAt(DeliveryFailedProcess.Elements.RESOLVE);
    }

    private ProcessInstance start() {
        return processEngine.getRuntimeService().startProcessInstanceByKey(DeliveryFailedProcess.KEY, "msg-1", Map.of(
                DeliveryFailedProcess.Variables.MESSAGE_ID, "msg-1",
                DeliveryFailedProcess.Variables.CHANNEL, "gp",
                DeliveryFailedProcess.Variables.MESSAGE_TYPE, "DischargeSummaryIssued",
                DeliveryFailedProcess.Variables.DUE_DATE, new Date()));
    }
}
