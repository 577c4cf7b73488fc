package org.handover.tasklist;

import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.task.Task;

/**
 * Candidates and assignees work a task with TASK_WORK (read, claim, complete; set in
 * {@code defaultUserPermissionNameForTask}), not UPDATE, which would let them change its due date or priority.
 * TASK_ASSIGN beside it lets whoever claimed a task hand it back to the team (unclaim) or to a colleague.
 */
class TeamTaskAuthorizations extends DefaultAuthorizationProvider {

    @Override
    protected AuthorizationEntity[] createOrUpdateAuthorizations(Task task, String userId, String groupId) {
        AuthorizationEntity[] authorizations = super.createOrUpdateAuthorizations(task, userId, groupId);
        if (authorizations != null) {
            for (AuthorizationEntity authorization : authorizations) {
                authorization.addPermission(TaskPermissions.TASK_ASSIGN);
            }
        }
        return authorizations;
    }
}
