package org.handover.scenarios;

import org.handover.support.PostgresForTests;
import org.handover.support.SandboxEnvironment;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The operations signals on a real PostgreSQL 17 (with the V18 indexes they read through), on a database of their
 * own: the gauges count every discharge, referral and CHC case, and other classes' contexts keep changing theirs.
 */
@ActiveProfiles({"sandbox", "postgres"})
class PostgresOperationsScenarioTest extends OperationsScenarios {

    static final SandboxEnvironment ENVIRONMENT = new SandboxEnvironment();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ENVIRONMENT.register(registry);
        PostgresForTests.registerOwnDatabase(registry, "operations");
    }

    @Override
    SandboxEnvironment environment() {
        return ENVIRONMENT;
    }
}
