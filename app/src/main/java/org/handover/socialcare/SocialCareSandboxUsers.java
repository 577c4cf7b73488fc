package org.handover.socialcare;

import org.handover.system.IdentitySetup;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Sandbox only: one social care user per sandbox council (password = user name), each in its own council's group
 * only, so a council sees only its own patients; a discharge lead for late acknowledgements. Runs after the council
 * directory has created the groups.
 */
@Component
@Profile("sandbox")
class SocialCareSandboxUsers {

    private final IdentitySetup identity;

    SocialCareSandboxUsers(IdentitySetup identity) {
        this.identity = identity;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(20)
    void createCouncilUsers() {
        identity.ensureUser("socialcareworcs", "Demo", "Worcestershire social care", "socialcareworcs");
        identity.ensureUser("socialcareleeds", "Demo", "Leeds social care", "socialcareleeds");
        identity.ensureUser("dischargelead", "Demo", "Discharge lead", "dischargelead");
        identity.joinGroupsStartingWith("socialcare", "social-care-la-stockport");
        identity.joinGroupsStartingWith("socialcareworcs", "social-care-la-worcestershire");
        identity.joinGroupsStartingWith("socialcareleeds", "social-care-la-leeds");
        identity.joinGroupsStartingWith("dischargelead", "discharge-leads");
        identity.joinGroupsStartingWith("admin", "social-care-la-", "discharge-leads");
    }
}
