package org.handover.referral;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.handover.processes.referral.ReferralProcess;
import org.springframework.stereotype.Component;

/**
 * Makes an overdue triage task stand out in every Tasklist view: "OVERDUE: " before its name and the highest
 * priority, so that it sorts first.
 */
@Component(ReferralProcess.Delegates.FLAG_TRIAGE_OVERDUE)
class FlagTriageOverdueDelegate implements JavaDelegate {

    static final String PREFIX = "OVERDUE: ";
    static final int OVERDUE_PRIORITY = 100;

    private final TaskService taskService;

    FlagTriageOverdueDelegate(TaskService taskService) {
        this.taskService = taskService;
    }

    @Override
    public void execute(DelegateExecution execution) {
        for (Task task : taskService.createTaskQuery()
                .processInstanceId(execution.getProcessInstanceId())
                .taskDefinitionKey(ReferralProcess.Elements.TRIAGE)
                .list()) {
            if (!task.getName().startsWith(PREFIX)) {
                task.setName(PREFIX + task.getName());
            }
            task.setPriority(OVERDUE_PRIORITY);
            taskService.saveTask(task);
        }
        execution.setVariable("triageOverdue", true);
    }
}
