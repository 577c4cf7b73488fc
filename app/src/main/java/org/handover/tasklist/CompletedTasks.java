package org.handover.tasklist;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.handover.audit.AuditLog;
import org.handover.domain.NhsNumber;
import org.handover.system.CurrentUser;
import org.springframework.stereotype.Component;

/**
 * Who completed which task of which patient's case, on every user task of every process: Camunda's own user
 * operation log is written only at history level full, and most outcomes are recorded by the process without the
 * person's name. Written in the completion's transaction, so an entry exists exactly when the completion does.
 */
@Component
public class CompletedTasks implements TaskListener {

    /** The case's patient, as every process that holds one names it. */
    static final String NHS_NUMBER = "nhsNumber";

    private final AuditLog audit;

    CompletedTasks(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public void notify(DelegateTask task) {
        String userId = CurrentUser.of(task.getProcessEngineServices());
        audit.changedWith(userId, resource(task.getTaskDefinitionKey(), task.getProcessInstanceId()),
                patient(task.getVariable(NHS_NUMBER)),
                "Completed task: " + (task.getName() == null ? task.getTaskDefinitionKey() : task.getName()));
    }

    /** How the audit log names a task of a case. */
    static String resource(String taskDefinitionKey, String processInstanceId) {
        return "task/" + taskDefinitionKey + "/" + processInstanceId;
    }

    /** Ten digits, or null when the value is not an NHS number. */
    static String patient(Object nhsNumber) {
        return nhsNumber == null ? null : NhsNumber.tryParse(nhsNumber.toString()).map(NhsNumber::value).orElse(null);
    }
}
