package org.handover.processes.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuditWithoutCopiesTest {

    private ProcessEngine engine;

    @BeforeEach
    void startEngine() {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
                .createStandaloneInMemProcessEngineConfiguration()
                .setJdbcUrl("jdbc:h2:mem:history-" + UUID.randomUUID())
                .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
                .setJobExecutorActivate(false)
                .setProcessEngineName("history-" + UUID.randomUUID());
        configuration.setCustomHistoryLevels(List.of(new AuditWithoutCopies(
                Map.of("Referral", Set.of("patientName", "taskPatientName")), Set.of("Probe"))));
        configuration.setHistory(AuditWithoutCopies.NAME);
        configuration.setHistoryRemovalTimeStrategy(ProcessEngineConfiguration.HISTORY_REMOVAL_TIME_STRATEGY_START);
        engine = configuration.buildProcessEngine();
        for (String key : List.of("Referral", "Discharge", "Probe")) {
            engine.getRepositoryService().createDeployment().addModelInstance(key + ".bpmn",
                    Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(10).startEvent("Start")
                            .serviceTask("Record").camundaExpression("${true}")
                            .exclusiveGateway("Choice").userTask("Task").camundaAssignee("ada")
                            .receiveTask("Receipt").message("Receipt").endEvent("End").done()).deploy();
        }
    }

    @AfterEach
    void stopEngine() {
        engine.close();
    }

    @Test
    void keepsTheAuditHistoryIdSoAnAuditDatabaseStartsWithIt() {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        assertThat(configuration.getHistoryLevel().getName()).isEqualTo(AuditWithoutCopies.NAME);
        assertThat(configuration.getHistoryLevel().getId()).isEqualTo(ProcessEngineConfigurationImpl.HISTORYLEVEL_AUDIT);
    }

    @Test
    void copiesGetNoHistoryInTheirProcessWhileDecisionsAndOtherProcessesKeepIt() {
        ProcessInstance referral = engine.getRuntimeService().startProcessInstanceByKey("Referral",
                Map.of("patientName", "Ada Example", "priority", "urgent"));
        ProcessInstance discharge = engine.getRuntimeService().startProcessInstanceByKey("Discharge",
                Map.of("patientName", "Bo Example"));
        Task task = engine.getTaskService().createTaskQuery().processInstanceId(referral.getId()).singleResult();
        engine.getTaskService().setVariableLocal(task.getId(), "taskPatientName", "Ada Example");
        engine.getTaskService().complete(task.getId(), Map.of("triageOutcome", "accept", "patientName", "Ada Other"));
        engine.getRuntimeService().createMessageCorrelation("Receipt").processInstanceId(referral.getId()).correlate();

        assertThat(historyOf(referral)).containsOnlyKeys("priority", "triageOutcome")
                .containsEntry("triageOutcome", "accept");
        assertThat(historyOf(discharge)).containsOnlyKeys("patientName");
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(referral.getId())
                .finished().count()).isOne();
    }

    @Test
    void onlyUserTasksKeepActivityHistoryWhileTheProcessKeepsItsOwnAndProbesKeepEveryActivity() {
        ProcessInstance referral = engine.getRuntimeService().startProcessInstanceByKey("Referral");
        ProcessInstance probe = engine.getRuntimeService().startProcessInstanceByKey("Probe");
        for (ProcessInstance instance : List.of(referral, probe)) {
            Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult();
            engine.getTaskService().setAssignee(task.getId(), "bo");
            engine.getTaskService().complete(task.getId());
        }
        assertThat(activitiesOf(referral)).extracting(HistoricActivityInstance::getActivityId).containsExactly("Task");
        assertThat(activitiesOf(referral).get(0)).satisfies(task -> {
            assertThat(task.getAssignee()).isEqualTo("bo");
            assertThat(task.getTaskId()).isNotNull();
            assertThat(task.getEndTime()).isNotNull();
            assertThat(task.getDurationInMillis()).isNotNull();
            assertThat(task.getRemovalTime()).isNotNull();
        });

        engine.getRuntimeService().createMessageCorrelation("Receipt").processInstanceId(referral.getId()).correlate();
        engine.getRuntimeService().createMessageCorrelation("Receipt").processInstanceId(probe.getId()).correlate();

        assertThat(activitiesOf(referral)).extracting(HistoricActivityInstance::getActivityId).containsExactly("Task");
        assertThat(activitiesOf(probe)).extracting(HistoricActivityInstance::getActivityId)
                .containsExactlyInAnyOrder("Start", "Record", "Choice", "Task", "Receipt", "End");
        assertThat(activitiesOf(probe)).allSatisfy(activity -> assertThat(activity.getEndTime()).isNotNull());
        HistoricProcessInstance history = engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceId(referral.getId()).singleResult();
        assertThat(history.getStartActivityId()).isEqualTo("Start");
        assertThat(history.getEndActivityId()).isEqualTo("End");
        assertThat(history.getEndTime()).isNotNull();
        assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceId(referral.getId())
                .finished().count()).isOne();
    }

    private List<HistoricActivityInstance> activitiesOf(ProcessInstance instance) {
        return engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
                .list();
    }

    private Map<String, Object> historyOf(ProcessInstance instance) {
        return engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
                .list().stream().collect(java.util.stream.Collectors.toMap(HistoricVariableInstance::getName,
                        HistoricVariableInstance::getValue));
    }
}
