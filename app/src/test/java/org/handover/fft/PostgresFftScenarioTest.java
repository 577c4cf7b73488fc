package org.handover.fft;

import org.handover.support.PostgresForTests;
import org.handover.support.SandboxEnvironment;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same FFT scenarios on a real PostgreSQL 17, started from embedded binaries. */
@ActiveProfiles({"sandbox", "postgres"})
class PostgresFftScenarioTest extends FftScenarios {

    static final SandboxEnvironment ENVIRONMENT = new SandboxEnvironment();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ENVIRONMENT.register(registry);
        PostgresForTests.register(registry);
        fftProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @Override
    SandboxEnvironment environment() {
        return ENVIRONMENT;
    }
}
