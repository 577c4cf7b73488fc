package org.handover.fft;

import org.handover.support.SandboxEnvironment;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The FFT scenarios on the sandbox's own database, H2. */
@ActiveProfiles("sandbox")
class H2FftScenarioTest extends FftScenarios {

    static final SandboxEnvironment ENVIRONMENT = new SandboxEnvironment();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ENVIRONMENT.register(registry);
        fftProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @Override
    SandboxEnvironment environment() {
        return ENVIRONMENT;
    }
}
