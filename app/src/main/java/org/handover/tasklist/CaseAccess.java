package org.handover.tasklist;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.handover.system.EngineGrants;
import org.springframework.stereotype.Component;

/**
 * A team that is given a task of a case may read that case (its process instance), and no other: on every user
 * task as it is created, each candidate group gets READ on the task's process instance. Camunda deletes these
 * grants with the process instance.
 */
@Component
public class CaseAccess implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        if (task.getProcessInstanceId() == null) {
            return;
        }
        AuthorizationService authorizations = task.getProcessEngineServices().getAuthorizationService();
        task.getCandidates().stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
                .forEach(link -> grantRead(authorizations, link.getGroupId(), task.getProcessInstanceId()));
    }

    /** READ on one process instance for one group, once; the user whose step created the task need not be allowed to grant. */
    public static void grantRead(AuthorizationService authorizations, String groupId, String processInstanceId) {
        CommandContext context = Context.getCommandContext();
        if (context != null) {
            context.runWithoutAuthorization(() -> {
                save(authorizations, groupId, processInstanceId);
                return null;
            });
        } else {
            save(authorizations, groupId, processInstanceId);
        }
    }

    private static void save(AuthorizationService authorizations, String groupId, String processInstanceId) {
        if (EngineGrants.grantOnNewProcessInstance(groupId, processInstanceId, Permissions.READ)) {
            return;
        }
        EngineGrants.grantOnce(authorizations, null, groupId, Resources.PROCESS_INSTANCE, processInstanceId,
                Permissions.READ);
    }
}
