package org.handover.system;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;

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
}
