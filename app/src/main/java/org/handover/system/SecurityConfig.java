package org.handover.system;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * One login for everything: Camunda's users and groups. The Camunda webapps (Tasklist, Cockpit, Admin) keep their
 * own session login and CSRF filter; every other endpoint takes HTTP Basic against the same identity service.
 * The sandbox's MESH simulator checks its own NHSMESH tokens, as the real MESH does, outside these chains
 * ({@code MeshSimulatorTraffic}).
 */
@Configuration
class SecurityConfig {

    static final String WEBAPPS_WELCOME_PROBE = "/camunda-welcome";

    /**
     * Spring Security's observations are off (application.yaml); without this the filters are still wrapped one by one
     * in observation decorators that then do nothing, on every request.
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityFilterChain camundaWebapps(HttpSecurity http) throws Exception {
        return http
                // Path matchers, not MVC ones: /camunda/api/** is Camunda's own JAX-RS servlet, which Spring MVC's
                // matchers never match, so the webapps' login fell through to the HTTP Basic chain and got 401.
                // /camunda-welcome: every webapp's login page asks for it (an optional first-visit message) from
                // the server root. Answered by the HTTP Basic chain, its 401 carried "WWW-Authenticate: Basic", and
                // the browser opened its own sign-in dialog over the login page, which swallowed every click and
                // key on the page (invisible in headless Chromium). Here it is a plain 404, which Camunda expects.
                .securityMatcher(new OrRequestMatcher(
                        pathPattern("/camunda/**"), pathPattern("/"), pathPattern(WEBAPPS_WELCOME_PROBE)))
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                // The webapps carry Camunda's own CSRF protection.
                .csrf(csrf -> csrf.disable())
                .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()))
                .build();
    }

    /**
     * GOV.UK Notify's callbacks carry Notify's bearer token, not a Handover user: the callback controller checks it
     * (constant time) and nothing else may answer these paths.
     */
    @Bean
    @Order(1)
    SecurityFilterChain notifyCallbacks(HttpSecurity http) throws Exception {
        return http
                .securityMatcher("/api/notify/**")
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    /**
     * HTTP Basic against Camunda's users everywhere; in addition, when a JWT decoder is configured
     * ({@code spring.security.oauth2.resourceserver.jwt.*}, the prod option for systems), OAuth2 bearer tokens.
     */
    @Bean
    SecurityFilterChain apis(HttpSecurity http, IdentityService identityService, ObjectProvider<JwtDecoder> jwtDecoder)
            throws Exception {
        if (jwtDecoder.getIfAvailable() != null) {
            http.oauth2ResourceServer(oauth -> oauth.jwt(jwt -> jwt.jwtAuthenticationConverter(new BearerTokens())));
        }
        return http
                .authorizeHttpRequests(auth -> auth
                        // Spring Boot's error page renders the refusal the user already earned: without this the
                        // error dispatch itself is refused and the user sees an empty body.
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")
                        .permitAll()
                        .requestMatchers("/actuator/prometheus")
                        .hasAnyRole("CAMUNDA_ADMIN", "COMMUNICATIONS_ADMINS", Roles.MONITORING.role())
                        .requestMatchers("/actuator/**").hasAnyRole("CAMUNDA_ADMIN", "COMMUNICATIONS_ADMINS")
                        .requestMatchers("/api/admin/**").hasAnyRole("CAMUNDA_ADMIN", "COMMUNICATIONS_ADMINS")
                        // Systems post messages to Handover's own intakes, which start processes after validating
                        // them; the engine's REST API would let a system start or drive any process unvalidated.
                        // The monitoring account changes nothing at all.
                        .requestMatchers(SecurityConfig::changesTheEngine).access(SecurityConfig::notOnlyASystem)
                        .anyRequest().authenticated())
                .httpBasic(Customizer.withDefaults())
                // Stateless HTTP Basic APIs: no session cookie to ride on, so no CSRF token to check.
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterAfter(new CamundaAuthenticationFilter(identityService), AuthorizationFilter.class)
                .build();
    }

    private static boolean changesTheEngine(HttpServletRequest request) {
        return !HttpMethod.GET.matches(request.getMethod()) && !HttpMethod.HEAD.matches(request.getMethod())
                && request.getRequestURI().startsWith(request.getContextPath() + "/engine-rest/");
    }

    private static AuthorizationDecision notOnlyASystem(Supplier<Authentication> authentication,
            RequestAuthorizationContext request) {
        AuthorizationResult authenticated = AuthenticatedAuthorizationManager.authenticated()
                .authorize(authentication, request);
        if (authenticated == null || !authenticated.isGranted()) {
            return new AuthorizationDecision(false);
        }
        Set<String> authorities = authentication.get().getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).collect(Collectors.toSet());
        boolean system = authorities.contains("ROLE_" + Roles.INTEGRATION.role())
                || authorities.contains("ROLE_" + Roles.MONITORING.role());
        boolean administrator = authorities.contains("ROLE_" + Roles.ADMINISTRATORS.role());
        return new AuthorizationDecision(!system || administrator);
    }

    private static RequestMatcher pathPattern(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }
}
