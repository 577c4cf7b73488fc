package org.handover.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.observation.ObservationPredicate;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;

/**
 * The MESH and Notify simulators stand in for servers outside the trust: they check their own tokens (NHSMESH, the
 * Notify client's JWT), as MESH and Notify do, so their requests skip Handover's security filter chain and HTTP server
 * metrics, and MESH sends skip Spring MVC too ({@link MeshOutboxFastPath}). Under load that framework work cost more
 * than the simulator itself and was counted against Handover's own throughput.
 */
@Configuration(proxyBeanMethods = false)
@SandboxOnly
class MeshSimulatorTraffic {

    static final String[] PATHS = {"/messageexchange/**", NotifyApiController.PATH + "/**"};
    private static final String PREFIX = "/messageexchange/";
    private static final String NOTIFY_PREFIX = NotifyApiController.PATH + "/";

    @Bean
    WebSecurityCustomizer meshSimulatorChecksItsOwnTokens() {
        return web -> web.ignoring().requestMatchers(PATHS);
    }

    @Bean
    FilterRegistrationBean<MeshOutboxFastPath> meshOutboxFastPath(MeshController controller, ObjectMapper json) {
        FilterRegistrationBean<MeshOutboxFastPath> registration =
                new FilterRegistrationBean<>(new MeshOutboxFastPath(controller, json));
        registration.addUrlPatterns("/messageexchange/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    ObservationPredicate meshSimulatorRequestsUnobserved() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext request
                && request.getCarrier() != null && (request.getCarrier().getRequestURI().startsWith(PREFIX)
                        || request.getCarrier().getRequestURI().startsWith(NOTIFY_PREFIX)));
    }
}
