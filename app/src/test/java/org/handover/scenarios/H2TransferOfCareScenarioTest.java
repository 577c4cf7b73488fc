package org.handover.scenarios;

import org.handover.support.SandboxEnvironment;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The transfer-of-care scenarios on the sandbox's own database, H2. */
@ActiveProfiles("sandbox")
class H2TransferOfCareScenarioTest extends TransferOfCareScenarios {

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
