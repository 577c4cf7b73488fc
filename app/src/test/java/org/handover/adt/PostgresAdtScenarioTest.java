package org.handover.adt;

import org.handover.support.PostgresForTests;
import org.handover.support.SandboxEnvironment;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same scenarios on a real PostgreSQL 17 (hospital_episode and hospital_event, V9). */
@ActiveProfiles({"sandbox", "postgres"})
class PostgresAdtScenarioTest extends AdtScenarios {

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
