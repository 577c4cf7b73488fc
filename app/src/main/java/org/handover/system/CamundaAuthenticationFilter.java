package org.handover.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Hands the user Spring Security authenticated to the process engine for the length of the request, so that
 * Camunda's authorization checks apply to the REST API and to Handover's own endpoints alike.
 */
class CamundaAuthenticationFilter extends OncePerRequestFilter {

    private final IdentityService identityService;

    CamundaAuthenticationFilter(IdentityService identityService) {
        this.identityService = identityService;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || authentication instanceof AnonymousAuthenticationToken) {
            chain.doFilter(request, response);
            return;
        }
        List<String> groups;
        if (authentication instanceof JwtAuthenticationToken token) {
            groups = BearerTokens.groupsOf(token.getToken());
        } else if (authentication.getPrincipal() instanceof CamundaUser user) {
            groups = user.groups();
        } else {
            groups = identityService.createGroupQuery().groupMember(authentication.getName()).list()
                    .stream().map(group -> group.getId()).toList();
        }
        try {
            identityService.setAuthentication(authentication.getName(), groups);
            chain.doFilter(request, response);
        } finally {
            identityService.clearAuthentication();
        }
    }
}
