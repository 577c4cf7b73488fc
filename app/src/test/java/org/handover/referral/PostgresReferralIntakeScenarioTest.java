package org.handover.referral;

import org.handover.support.PostgresForTests;
import org.handover.support.SandboxEnvironment;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same scenarios on a real PostgreSQL 17 (uuid and date columns, the unique UBRN index under a race). */
@ActiveProfiles({"sandbox", "postgres"})
class PostgresReferralIntakeScenarioTest extends ReferralIntakeScenarios {

    static final SandboxEnvironment ENVIRONMENT = new SandboxEnvironment();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ENVIRONMENT.register(registry);
        PostgresForTests.register(registry);
    }

    @Override
    SandboxEnvironment environment() {
        return ENVIRONMENT;
    }
}
