package org.handover.system;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Sandbox only: admin/admin with every group, and one user per role whose password is its own name.
 * Never active in prod, which refuses to start with default passwords anyway.
 */
@Component
@Profile("sandbox")
class SandboxUsers {

    private final IdentitySetup identitySetup;

    SandboxUsers(IdentitySetup identitySetup) {
        this.identitySetup = identitySetup;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(0)
    void createDemoUsers() {
        identitySetup.ensureGroups();
        identitySetup.ensureUser("admin", "Ada", "Admin", "admin", Roles.values());
        for (Roles role : Roles.values()) {
            if (role != Roles.ADMINISTRATORS) {
                identitySetup.ensureUser(role.demoUser(), "Demo", role.displayName(), role.demoUser(), role);
            }
        }
    }

    /** After the routing table has created its teams: the demo consultant triages and leads for every team. */
    @EventListener(ApplicationReadyEvent.class)
    @Order(20)
    void joinDemoTeams() {
        identitySetup.joinGroupsStartingWith("consultant", "triage-", "lead-", "referral-coordinators");
        identitySetup.joinGroupsStartingWith("admin", "triage-", "lead-", "referral-coordinators");
    }
}
