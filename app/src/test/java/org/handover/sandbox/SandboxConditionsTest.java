package org.handover.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Simulators exist only in the sandbox profile with handover.sandbox.enabled=true: production never has them. */
class SandboxConditionsTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            // Lazy: the question is which simulator beans exist, not whether their stores can be built here.
            .withBean(LazyInitializationBeanFactoryPostProcessor.class)
            .withBean(java.time.Clock.class, java.time.Clock::systemUTC)
            .withBean(MeshStore.class, () -> org.mockito.Mockito.mock(MeshStore.class))
            .withBean(SmsStore.class, () -> org.mockito.Mockito.mock(SmsStore.class))
            .withBean(CouncilMailStore.class, () -> org.mockito.Mockito.mock(CouncilMailStore.class))
            .withUserConfiguration(Settings.class, SandboxSimulators.class, SandboxPage.class);

    @Configuration(proxyBeanMethods = false)
    static class Settings {
        @Bean
        SandboxProperties sandboxProperties() {
            return new SandboxProperties(
                    new SandboxProperties.Mesh("RX1OT001", "p", "k"),
                    new SandboxProperties.Smtp(0, null, null),
                    new SandboxProperties.Smpp(0, "handover", "pw", "NHSTrust"),
                    new SandboxProperties.Notify(NotifySimulatorTest.API_KEY, NotifySimulatorTest.TEMPLATE_ID, "token"),
                    new SandboxProperties.Sandbox(true, "127.0.0.1", Duration.ofHours(2), Duration.ofSeconds(1), "gsm",
                            Duration.ofMillis(100), Duration.ofSeconds(1), 3000));
        }
    }

    @Test
    void presentInTheSandboxProfileWhenEnabled() {
        runner.withPropertyValues("spring.profiles.active=sandbox", "handover.sandbox.enabled=true")
                .run(context -> {
                    assertThat(context).hasSingleBean(Faults.class);
                    assertThat(context).hasSingleBean(MeshMailboxes.class);
                    assertThat(context).hasSingleBean(SandboxPage.class);
                });
    }

    @Test
    void absentWhenDisabledInTheSandboxProfile() {
        runner.withPropertyValues("spring.profiles.active=sandbox", "handover.sandbox.enabled=false")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(Faults.class);
                    assertThat(context).doesNotHaveBean(SandboxPage.class);
                });
    }

    @Test
    void absentInProductionEvenIfEnabled() {
        runner.withPropertyValues("spring.profiles.active=prod,postgres", "handover.sandbox.enabled=true")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(Faults.class);
                    assertThat(context).doesNotHaveBean(MeshMailboxes.class);
                    assertThat(context).doesNotHaveBean(SandboxPage.class);
                });
    }
}
