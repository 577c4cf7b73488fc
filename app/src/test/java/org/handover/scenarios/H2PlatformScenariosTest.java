package org.handover.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.handover.support.Http;
import org.handover.support.SandboxEnvironment;
import org.handover.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The platform scenarios on the sandbox's own database, H2; here also with an OAuth2 token issuer configured, as
 * prod may have one, to check that systems can post with bearer tokens beside HTTP Basic.
 */
@ActiveProfiles("sandbox")
class H2PlatformScenariosTest extends PlatformScenarios {

    static final SandboxEnvironment ENVIRONMENT = new SandboxEnvironment();
    static final TestTokens ISSUER = new TestTokens();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ENVIRONMENT.register(registry);
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", ISSUER::publicKeyLocation);
    }

    @Override
    SandboxEnvironment environment() {
        return ENVIRONMENT;
    }

    @Test
    void systemsMayUseBearerTokensWhoseRolesAreCamundaGroups() {
        Instant inAnHour = Instant.now().plusSeconds(3600);
        Http integration = Http.withBearer(ENVIRONMENT.baseUrl(), ISSUER.token("eps-gateway", List.of("integration"), inAnHour));
        assertThat(integration.get("/engine-rest/engine").statusCode()).isEqualTo(200);
        assertThat(integration.get("/api/admin/deliveries").statusCode()).isEqualTo(403);

        Http comms = Http.withBearer(ENVIRONMENT.baseUrl(),
                ISSUER.token("ops-robot", List.of("communications-admins"), inAnHour));
        assertThat(comms.get("/api/admin/deliveries").statusCode()).isEqualTo(200);

        Http expired = Http.withBearer(ENVIRONMENT.baseUrl(),
                ISSUER.token("eps-gateway", List.of("integration"), Instant.now().minusSeconds(600)));
        assertThat(expired.get("/engine-rest/engine").statusCode()).isEqualTo(401);

        Http forged = Http.withBearer(ENVIRONMENT.baseUrl(),
                new TestTokens().token("eps-gateway", List.of("camunda-admin"), inAnHour));
        assertThat(forged.get("/engine-rest/engine").statusCode()).isEqualTo(401);
    }
}
