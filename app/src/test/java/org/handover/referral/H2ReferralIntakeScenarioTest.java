package org.handover.referral;

import org.handover.support.SandboxEnvironment;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The referral intake scenarios on the sandbox's own database, H2. */
@ActiveProfiles("sandbox")
class H2ReferralIntakeScenarioTest extends ReferralIntakeScenarios {

    static final SandboxEnvironment ENVIRONMENT = new SandboxEnvironment();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ENVIRONMENT.register(registry);
    }

    @Override
    SandboxEnvironment environment() {
        return ENVIRONMENT;
    }
}
