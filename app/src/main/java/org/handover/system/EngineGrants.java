package org.handover.system;

import java.util.Date;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;

/** Camunda authorizations Handover grants on its own behalf (see {@link AsSystem}), whoever's request it serves. */
public final class EngineGrants {

    private EngineGrants() {
    }

    /**
     * Grants the permissions to exactly one of user or group on one resource, unless that user or group already has
     * an authorization on it; answers the new authorization's id, or null when there was one already.
     */
    public static String grantOnce(AuthorizationService authorizations, String userId, String groupId,
            Resource resource, String resourceId, Permission... permissions) {
        var existing = authorizations.createAuthorizationQuery().resourceType(resource).resourceId(resourceId);
        if ((userId != null ? existing.userIdIn(userId) : existing.groupIdIn(groupId)).count() > 0) {
            return null;
        }
        Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        grant.setUserId(userId);
        grant.setGroupId(groupId);
        grant.setResource(resource);
        grant.setResourceId(resourceId);
        for (Permission permission : permissions) {
            grant.addPermission(permission);
        }
        return authorizations.saveAuthorization(grant).getId();
    }

    /**
     * Grants the permissions to a group on a process instance that the running Camunda command created: answers
     * false, and grants nothing, when the instance was not created in this command (use {@link #grantOnce} then).
     *
     * <p>No grant can exist yet on an instance that is not stored, so this skips {@link #grantOnce}'s look-up and
     * Camunda's look-up of the instance's history for the grant's removal time: two queries on every referral
     * (decision 0006). The removal time is the one the command has just given the instance's history (with the
     * removal time at the start, the configured strategy since decision 0009; none while it runs with removal time at
     * the end). A grant made earlier in the same command for the same group is found in the command's cache.
     */
    public static boolean grantOnNewProcessInstance(String groupId, String processInstanceId, Permission... permissions) {
        ExecutionEntity instance = CreatedInThisCommand.entity(ExecutionEntity.class, processInstanceId);
        if (instance == null) {
            return false;
        }
        Date removalTime = null;
        String strategy = Context.getProcessEngineConfiguration().getHistoryRemovalTimeStrategy();
        if (ProcessEngineConfiguration.HISTORY_REMOVAL_TIME_STRATEGY_START.equals(strategy)) {
            HistoricProcessInstanceEventEntity history = CreatedInThisCommand.entity(
                    HistoricProcessInstanceEventEntity.class, instance.getRootProcessInstanceId());
            if (history == null) {
                return false;
            }
            removalTime = history.getRemovalTime();
        } else if (!ProcessEngineConfiguration.HISTORY_REMOVAL_TIME_STRATEGY_END.equals(strategy)) {
            return false;
        }
        DbEntityManager entities = Context.getCommandContext().getDbEntityManager();
        AuthorizationEntity grant = entities.getCachedEntitiesByType(AuthorizationEntity.class).stream()
                .filter(made -> made.getAuthorizationType() == Authorization.AUTH_TYPE_GRANT
                        && groupId.equals(made.getGroupId())
                        && made.getResourceType() == Resources.PROCESS_INSTANCE.resourceType()
                        && processInstanceId.equals(made.getResourceId()))
                .findFirst().orElse(null);
        if (grant == null) {
            grant = new AuthorizationEntity(Authorization.AUTH_TYPE_GRANT);
            grant.setGroupId(groupId);
            grant.setResource(Resources.PROCESS_INSTANCE);
            grant.setResourceId(processInstanceId);
            grant.setRootProcessInstanceId(instance.getRootProcessInstanceId());
            grant.setRemovalTime(removalTime);
            entities.insert(grant);
        }
        for (Permission permission : permissions) {
            grant.addPermission(permission);
        }
        return true;
    }
}
