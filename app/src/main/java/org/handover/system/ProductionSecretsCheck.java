package org.handover.system;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * In the prod profile, refuses to start unless every secret is set from the environment and none is a default
 * or sandbox value. Runs before anything connects anywhere, and names every problem at once.
 */
public class ProductionSecretsCheck implements EnvironmentPostProcessor, Ordered {

    /** Property, and the environment variable that should set it. */
    static final Map<String, String> SECRETS = Map.of(
            "spring.datasource.password", "HANDOVER_DB_PASSWORD",
            "spring.artemis.password", "HANDOVER_BROKER_PASSWORD",
            "camunda.bpm.admin-user.password", "HANDOVER_ADMIN_PASSWORD",
            "handover.mesh.password", "HANDOVER_MESH_PASSWORD",
            "handover.mesh.shared-key", "HANDOVER_MESH_SHARED_KEY",
            "handover.smtp.password", "HANDOVER_SMTP_PASSWORD");

    /** The SMS provider's secrets, by {@code handover.sms.provider}. */
    static final Map<String, Map<String, String>> SMS_SECRETS = Map.of(
            "smpp", Map.of("handover.smpp.password", "HANDOVER_SMPP_PASSWORD"),
            "notify", Map.of(
                    "handover.notify.api-key", "HANDOVER_NOTIFY_API_KEY",
                    "handover.notify.callback-token", "HANDOVER_NOTIFY_CALLBACK_TOKEN"));

    /** The sandbox's Notify API key (its simulator's service id and secret): never good for prod. */
    static final String SANDBOX_NOTIFY_API_KEY =
            "sandbox-3d2f4c1e-8b7a-4e5f-9c0d-1a2b3c4d5e6f-7a8b9c0d-1e2f-4a3b-8c5d-6e7f8a9b0c1d";

    static final Set<String> KNOWN_DEFAULTS = Set.of("admin", "password", "changeme", "change-me", "secret", "sandbox",
            "sandbox-mesh-password", "sandbox-shared-key", "sa", "postgres", "handover", "demo", "test", "artemis",
            SANDBOX_NOTIFY_API_KEY, "sandbox-notify-callback-token");


    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!Arrays.asList(environment.getActiveProfiles()).contains("prod")) {
            return;
        }
        if (Arrays.asList(environment.getActiveProfiles()).contains("sandbox")) {
            throw new IllegalStateException("The prod and sandbox profiles cannot be active together: sandbox adds demo "
                    + "users with known passwords and simulators of the outside world.");
        }
        List<String> problems = new ArrayList<>();
        String provider = valueOf(environment, "handover.sms.provider");
        Map<String, String> smsSecrets = SMS_SECRETS.get(provider == null ? "smpp" : provider.strip());
        if (smsSecrets == null) {
            problems.add("HANDOVER_SMS_PROVIDER must be smpp or notify (handover.sms.provider)");
            smsSecrets = Map.of();
        }
        Map<String, String> secrets = new java.util.LinkedHashMap<>(SECRETS);
        secrets.putAll(smsSecrets);
        secrets.forEach((property, variable) -> {
            String value = valueOf(environment, property);
            if (value == null || value.isBlank()) {
                problems.add(variable + " is not set (" + property + ")");
            } else if (KNOWN_DEFAULTS.contains(value.toLowerCase()) || value.length() < 12) {
                problems.add(variable + " is a default or too short (at least 12 characters)");
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Handover will not start in the prod profile: " + String.join("; ", problems)
                    + ". Set each from the environment or your secrets store; see README 'Configuration'.");
        }
    }

    private static String valueOf(ConfigurableEnvironment environment, String property) {
        try {
            return environment.getProperty(property);
        } catch (IllegalArgumentException unresolvedPlaceholder) {
            return null;
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
