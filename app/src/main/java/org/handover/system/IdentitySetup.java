package org.handover.system;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** Creates groups, users and grants idempotently: running it on every start changes nothing already there. */
@Component
public class IdentitySetup {

    private final IdentityService identityService;
    private final AuthorizationService authorizationService;
    private final ApplicationEventPublisher events;

    IdentitySetup(IdentityService identityService, AuthorizationService authorizationService,
            ApplicationEventPublisher events) {
        this.identityService = identityService;
        this.authorizationService = authorizationService;
        this.events = events;
    }

    /** Every Handover group, with the grants each needs to work in Tasklist; administrators get everything. */
    public void ensureGroups() {
        for (Roles role : Roles.values()) {
            ensureGroup(role);
        }
        for (Resources resource : Resources.values()) {
            grantGroup(Roles.ADMINISTRATORS.groupId(), resource, ANY, Permissions.ALL);
        }
        // Systems posting referrals, discharges and encounters start processes on their own behalf.
        grantGroup(Roles.INTEGRATION.groupId(), Resources.PROCESS_INSTANCE, ANY, Permissions.CREATE);
        grantGroup(Roles.INTEGRATION.groupId(), Resources.PROCESS_DEFINITION, ANY, Permissions.READ,
                Permissions.CREATE_INSTANCE);
        for (Roles team : Roles.staffTeams()) {
            grantTeam(team.groupId());
            events.publishEvent(new TeamEnsured(team.groupId(), team.displayName()));
        }
    }

    /** A team named by configuration (e.g. a triage team from the routing table), with the grants to work in Tasklist. */
    public void ensureTeam(String groupId, String displayName) {
        if (identityService.createGroupQuery().groupId(groupId).count() == 0) {
            Group group = identityService.newGroup(groupId);
            group.setName(displayName);
            group.setType("WORKFLOW");
            identityService.saveGroup(group);
        }
        grantTeam(groupId);
        events.publishEvent(new TeamEnsured(groupId, displayName));
    }

    /** Tasklist and the process definitions; each team reads only its own filters (granted with the filters). */
    private void grantTeam(String groupId) {
        grantGroup(groupId, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        grantGroup(groupId, Resources.PROCESS_DEFINITION, ANY, Permissions.READ);
    }

    /** Adds the user to every existing group whose id starts with one of the prefixes. */
    public void joinGroupsStartingWith(String userId, String... prefixes) {
        for (Group group : identityService.createGroupQuery().list()) {
            for (String prefix : prefixes) {
                if (group.getId().startsWith(prefix)
                        && identityService.createUserQuery().userId(userId).memberOfGroup(group.getId()).count() == 0) {
                    identityService.createMembership(userId, group.getId());
                }
            }
        }
    }

    public void ensureUser(String userId, String firstName, String lastName, String password, Roles... roles) {
        if (identityService.createUserQuery().userId(userId).count() == 0) {
            User user = identityService.newUser(userId);
            user.setFirstName(firstName);
            user.setLastName(lastName);
            user.setEmail(userId + "@handover.invalid");
            user.setPassword(password);
            identityService.saveUser(user);
        }
        for (Roles role : roles) {
            if (identityService.createUserQuery().userId(userId).memberOfGroup(role.groupId()).count() == 0) {
                identityService.createMembership(userId, role.groupId());
            }
        }
    }

    private void ensureGroup(Roles role) {
        if (identityService.createGroupQuery().groupId(role.groupId()).count() == 0) {
            Group group = identityService.newGroup(role.groupId());
            group.setName(role.displayName());
            // SYSTEM groups get no Tasklist filters: the monitoring account has no tasks to see
            group.setType(role == Roles.ADMINISTRATORS || role == Roles.MONITORING ? "SYSTEM" : "WORKFLOW");
            identityService.saveGroup(group);
        }
    }

    private void grantGroup(String groupId, Resource resource, String resourceId, Permission... permissions) {
        EngineGrants.grantOnce(authorizationService, null, groupId, resource, resourceId, permissions);
    }
}
