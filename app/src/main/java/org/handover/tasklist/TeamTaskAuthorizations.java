package org.handover.tasklist;

import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.Task;
import org.handover.system.CreatedInThisCommand;

/**
 * Candidates and assignees work a task with TASK_WORK (read, claim, complete; set in
 * {@code defaultUserPermissionNameForTask}), not UPDATE, which would let them change its due date or priority.
 * TASK_ASSIGN beside it lets whoever claimed a task hand it back to the team (unclaim) or to a colleague.
 * A task created in the running command has no stored grants, so they are not looked up (one query per new task).
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

    @Override
    protected AuthorizationEntity getGrantAuthorizationByGroupId(String groupId, Resource resource, String resourceId) {
        if (resource == Resources.TASK && CreatedInThisCommand.entity(TaskEntity.class, resourceId) != null) {
            return null;
        }
        return super.getGrantAuthorizationByGroupId(groupId, resource, resourceId);
    }
}
