package org.handover.referral;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.handover.processes.referral.ReferralProcess;
import org.handover.tasklist.OverdueTasks;
import org.springframework.stereotype.Component;

/**
 * At the triage deadline's timer: flags the triage task overdue at once (as every overdue task is flagged by
 * {@link OverdueTasks}), without waiting for the next periodic check.
 */
@Component(ReferralProcess.Delegates.FLAG_TRIAGE_OVERDUE)
class FlagTriageOverdueDelegate implements JavaDelegate {

    private final TaskService taskService;
    private final OverdueTasks overdueTasks;

    FlagTriageOverdueDelegate(TaskService taskService, OverdueTasks overdueTasks) {
        this.taskService = taskService;
        this.overdueTasks = overdueTasks;
    }

    @Override
    public void execute(DelegateExecution execution) {
        taskService.createTaskQuery()
                .processInstanceId(execution.getProcessInstanceId())
                .taskDefinitionKey(ReferralProcess.Elements.TRIAGE)
                .list()
                .forEach(overdueTasks::flag);
        execution.setVariable("triageOverdue", true);
    }
}
