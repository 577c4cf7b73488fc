package org.handover.system;

import java.util.function.Supplier;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.impl.identity.Authentication;

/** Camunda authorizations Handover grants on its own behalf, whoever's request it is serving. */
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

    /** Runs the work with no engine user, so that the caller's own rights neither limit nor widen what it does. */
    public static <T> T asSystem(IdentityService identityService, Supplier<T> work) {
        Authentication caller = identityService.getCurrentAuthentication();
        identityService.clearAuthentication();
        try {
            return work.get();
        } finally {
            if (caller != null) {
                identityService.setAuthentication(caller);
            }
        }
    }
}
