package org.handover.retention;

import org.handover.support.PostgresForTests;
import org.handover.support.SandboxEnvironment;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An administrator's retention run on a real PostgreSQL 17, on a database of its own: the one-run slot is a row any
 * other context on a shared database could hold.
 */
@ActiveProfiles({"sandbox", "postgres"})
class PostgresRetentionAdminScenarioTest extends RetentionAdminScenarios {

    static final SandboxEnvironment ENVIRONMENT = new SandboxEnvironment();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ENVIRONMENT.register(registry);
        PostgresForTests.registerOwnDatabase(registry, "retention_admin");
    }

    @Override
    SandboxEnvironment environment() {
        return ENVIRONMENT;
    }
}
