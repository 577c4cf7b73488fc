package org.handover.sandbox;

import io.micrometer.observation.ObservationPredicate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;

/**
 * The MESH simulator stands in for a server outside the trust: it checks its own NHSMESH tokens, as MESH does, so
 * its requests skip Handover's security filter chain and HTTP server metrics. Under load that framework work cost
 * more than the simulator itself and was counted against Handover's own throughput.
 */
@Configuration(proxyBeanMethods = false)
@SandboxOnly
class MeshSimulatorTraffic {

    static final String PATHS = "/messageexchange/**";
    private static final String PREFIX = "/messageexchange/";

    @Bean
    WebSecurityCustomizer meshSimulatorChecksItsOwnTokens() {
        return web -> web.ignoring().requestMatchers(PATHS);
    }

    @Bean
    ObservationPredicate meshSimulatorRequestsUnobserved() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext request
                && request.getCarrier() != null && request.getCarrier().getRequestURI().startsWith(PREFIX));
    }
}
