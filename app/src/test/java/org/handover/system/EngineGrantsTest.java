package org.handover.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.handover.tasklist.CaseAccess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A team's READ grant on a case made in the command that started the case (no look-ups) carries the removal time the
 * case's history got, with either removal-time strategy, so history clean-up removes it with the case's history.
 */
class EngineGrantsTest {

    private static final int TIME_TO_LIVE_DAYS = 3650;

    private ProcessEngine engine;

    @AfterEach
    void stopEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void withRemovalTimeAtStartTheGrantAndEveryHistoryRowHaveItFromTheStart() {
        start(ProcessEngineConfiguration.HISTORY_REMOVAL_TIME_STRATEGY_START);
        ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey("Case");

        HistoricProcessInstance history = historyOf(instance);
        assertThat(history.getRemovalTime()).isNotNull();
        assertThat(Duration.between(history.getStartTime().toInstant(), history.getRemovalTime().toInstant()))
                .isEqualTo(Duration.ofDays(TIME_TO_LIVE_DAYS));
        assertThat(grantOf("ward-admins", instance).getRemovalTime()).isEqualTo(history.getRemovalTime());
        assertThat(engine.getRuntimeService().getVariable(instance.getId(), "grantedWithoutLookUps")).isEqualTo(true);
        assertThat(grantOf("case-readers", instance).getRemovalTime()).isEqualTo(history.getRemovalTime());
        assertThat(activitiesOf(instance)).isNotEmpty()
                .allSatisfy(activity -> assertThat(activity.getRemovalTime()).isEqualTo(history.getRemovalTime()));

        engine.getTaskService().complete(
                engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult().getId());

        assertThat(historyOf(instance).getEndTime()).isNotNull();
        assertThat(historyOf(instance).getRemovalTime()).as("unchanged at the end").isEqualTo(history.getRemovalTime());
        assertThat(activitiesOf(instance))
                .allSatisfy(activity -> assertThat(activity.getRemovalTime()).isEqualTo(history.getRemovalTime()));
    }

    @Test
    void withRemovalTimeAtTheEndTheGrantHasNoneWhileTheCaseRuns() {
        start(ProcessEngineConfiguration.HISTORY_REMOVAL_TIME_STRATEGY_END);
        ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey("Case");

        assertThat(historyOf(instance).getRemovalTime()).isNull();
        assertThat(grantOf("ward-admins", instance).getRemovalTime()).isNull();
        assertThat(engine.getRuntimeService().getVariable(instance.getId(), "grantedWithoutLookUps")).isEqualTo(true);
        assertThat(grantOf("case-readers", instance).getRemovalTime()).isNull();
    }

    /** Grants READ to case-readers in the starting command, as a referral's first step does. */
    public static class GrantOnStart implements JavaDelegate {
        @Override
        public void execute(DelegateExecution execution) {
            execution.setVariable("grantedWithoutLookUps", EngineGrants.grantOnNewProcessInstance("case-readers",
                    execution.getProcessInstanceId(), Permissions.READ));
        }
    }

    private void start(String removalTimeStrategy) {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
                .createStandaloneInMemProcessEngineConfiguration()
                .setJdbcUrl("jdbc:h2:mem:grants-" + UUID.randomUUID())
                .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
                .setJobExecutorActivate(false)
                .setHistory(ProcessEngineConfiguration.HISTORY_AUDIT)
                .setProcessEngineName("grants-" + UUID.randomUUID());
        configuration.setHistoryRemovalTimeStrategy(removalTimeStrategy);
        engine = configuration.buildProcessEngine();
        engine.getRepositoryService().createDeployment().addModelInstance("case.bpmn",
                Bpmn.createExecutableProcess("Case").camundaHistoryTimeToLive(TIME_TO_LIVE_DAYS).startEvent()
                        .serviceTask("Grant").camundaClass(GrantOnStart.class.getName())
                        .userTask("Task").camundaCandidateGroups("ward-admins")
                        .camundaTaskListenerClass("create", CaseAccess.class.getName())
                        .endEvent().done()).deploy();
    }

    private HistoricProcessInstance historyOf(ProcessInstance instance) {
        return engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(instance.getId())
                .singleResult();
    }

    private java.util.List<HistoricActivityInstance> activitiesOf(ProcessInstance instance) {
        return engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
                .list();
    }

    private Authorization grantOf(String groupId, ProcessInstance instance) {
        Authorization grant = engine.getAuthorizationService().createAuthorizationQuery().groupIdIn(groupId)
                .resourceType(Resources.PROCESS_INSTANCE).resourceId(instance.getId()).singleResult();
        assertThat(grant).isNotNull();
        return grant;
    }
}
