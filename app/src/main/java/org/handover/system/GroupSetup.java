package org.handover.system;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Outside the sandbox: the groups and their grants only; users come from the trust's administrators. */
@Component
@Profile("!sandbox")
class GroupSetup {

    private final IdentitySetup identitySetup;

    GroupSetup(IdentitySetup identitySetup) {
        this.identitySetup = identitySetup;
    }

    @EventListener(ApplicationReadyEvent.class)
    void createGroups() {
        identitySetup.ensureGroups();
    }
}
