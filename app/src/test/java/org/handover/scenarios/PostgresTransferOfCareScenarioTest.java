package org.handover.scenarios;

import org.handover.support.PostgresForTests;
import org.handover.support.SandboxEnvironment;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same scenarios on a real PostgreSQL 17 (the transfer_of_care tables, V10). */
@ActiveProfiles({"sandbox", "postgres"})
class PostgresTransferOfCareScenarioTest extends TransferOfCareScenarios {

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
