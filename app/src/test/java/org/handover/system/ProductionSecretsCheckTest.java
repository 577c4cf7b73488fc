package org.handover.system;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class ProductionSecretsCheckTest {

    private final ProductionSecretsCheck check = new ProductionSecretsCheck();

    @Test
    void prodWithEverySecretSetStarts() {
        assertThatCode(() -> check.postProcessEnvironment(environment(strongSecrets(), "prod"), new SpringApplication()))
                .doesNotThrowAnyException();
    }

    @Test
    void prodNamesEveryMissingSecret() {
        Map<String, Object> secrets = strongSecrets();
        secrets.remove("spring.datasource.password");
        secrets.remove("handover.mesh.shared-key");
        assertThatThrownBy(() -> check.postProcessEnvironment(environment(secrets, "prod"), new SpringApplication()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("HANDOVER_DB_PASSWORD is not set")
                .hasMessageContaining("HANDOVER_MESH_SHARED_KEY is not set");
    }

    @Test
    void prodRefusesDefaultsAndShortSecrets() {
        Map<String, Object> secrets = strongSecrets();
        secrets.put("camunda.bpm.admin-user.password", "admin");
        secrets.put("handover.smpp.password", "sandbox");
        secrets.put("handover.smtp.password", "short");
        assertThatThrownBy(() -> check.postProcessEnvironment(environment(secrets, "prod"), new SpringApplication()))
                .hasMessageContaining("HANDOVER_ADMIN_PASSWORD is a default")
                .hasMessageContaining("HANDOVER_SMPP_PASSWORD is a default")
                .hasMessageContaining("HANDOVER_SMTP_PASSWORD is a default or too short");
    }

    @Test
    void prodTreatsAnUnresolvedPlaceholderAsMissing() {
        Map<String, Object> secrets = strongSecrets();
        secrets.put("spring.artemis.password", "${HANDOVER_BROKER_PASSWORD}");
        assertThatThrownBy(() -> check.postProcessEnvironment(environment(secrets, "prod"), new SpringApplication()))
                .hasMessageContaining("HANDOVER_BROKER_PASSWORD is not set");
    }

    @Test
    void prodAndSandboxTogetherAreRefused() {
        assertThatThrownBy(() -> check.postProcessEnvironment(environment(strongSecrets(), "prod", "sandbox"),
                new SpringApplication()))
                .hasMessageContaining("cannot be active together");
    }

    @Test
    void prodWithNotifyNeedsItsApiKeyAndCallbackTokenButNoSmppPassword() {
        Map<String, Object> secrets = strongSecrets();
        secrets.remove("handover.smpp.password");
        secrets.put("handover.sms.provider", "notify");
        secrets.put("handover.notify.callback-token", "sandbox-notify-callback-token");
        assertThatThrownBy(() -> check.postProcessEnvironment(environment(secrets, "prod"), new SpringApplication()))
                .hasMessageContaining("HANDOVER_NOTIFY_API_KEY is not set")
                .hasMessageContaining("HANDOVER_NOTIFY_CALLBACK_TOKEN is a default")
                .hasMessageNotContaining("SMPP");

        secrets.put("handover.notify.api-key", ProductionSecretsCheck.SANDBOX_NOTIFY_API_KEY);
        assertThatThrownBy(() -> check.postProcessEnvironment(environment(secrets, "prod"), new SpringApplication()))
                .hasMessageContaining("HANDOVER_NOTIFY_API_KEY is a default");

        secrets.put("handover.notify.api-key", "live-" + java.util.UUID.randomUUID() + "-" + java.util.UUID.randomUUID());
        secrets.put("handover.notify.callback-token", "a-long-random-callback-token");
        assertThatCode(() -> check.postProcessEnvironment(environment(secrets, "prod"), new SpringApplication()))
                .doesNotThrowAnyException();
    }

    @Test
    void prodRefusesAnUnknownSmsProvider() {
        Map<String, Object> secrets = strongSecrets();
        secrets.put("handover.sms.provider", "pigeon");
        assertThatThrownBy(() -> check.postProcessEnvironment(environment(secrets, "prod"), new SpringApplication()))
                .hasMessageContaining("HANDOVER_SMS_PROVIDER must be smpp or notify");
    }

    @Test
    void otherProfilesAreNotChecked() {
        assertThatCode(() -> check.postProcessEnvironment(environment(Map.of(), "sandbox"), new SpringApplication()))
                .doesNotThrowAnyException();
    }

    private static Map<String, Object> strongSecrets() {
        Map<String, Object> secrets = new HashMap<>();
        ProductionSecretsCheck.SECRETS.keySet().forEach(key -> secrets.put(key, "s3cret-" + key.hashCode() + "-long-enough"));
        secrets.put("handover.smpp.password", "s3cret-smpp-long-enough");
        return secrets;
    }

    private static StandardEnvironment environment(Map<String, Object> properties, String... profiles) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        environment.setActiveProfiles(profiles);
        return environment;
    }
}
