package org.handover.processes.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
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
                Map.of("Referral", Set.of("patientName", "taskPatientName")))));
        configuration.setHistory(AuditWithoutCopies.NAME);
        engine = configuration.buildProcessEngine();
        for (String key : List.of("Referral", "Discharge")) {
            engine.getRepositoryService().createDeployment().addModelInstance(key + ".bpmn",
                    Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(10).startEvent().userTask("Task")
                            .endEvent().done()).deploy();
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

        assertThat(historyOf(referral)).containsOnlyKeys("priority", "triageOutcome")
                .containsEntry("triageOutcome", "accept");
        assertThat(historyOf(discharge)).containsOnlyKeys("patientName");
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(referral.getId())
                .finished().count()).isOne();
    }

    private Map<String, Object> historyOf(ProcessInstance instance) {
        return engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
                .list().stream().collect(java.util.stream.Collectors.toMap(HistoricVariableInstance::getName,
                        HistoricVariableInstance::getValue));
    }
}
