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
            "handover.smtp.password", "HANDOVER_SMTP_PASSWORD",
            "handover.smpp.password", "HANDOVER_SMPP_PASSWORD");

    static final Set<String> KNOWN_DEFAULTS = Set.of("admin", "password", "changeme", "change-me", "secret", "sandbox",
            "sandbox-mesh-password", "sandbox-shared-key", "sa", "postgres", "handover", "demo", "test", "artemis");

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
        SECRETS.forEach((property, variable) -> {
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
