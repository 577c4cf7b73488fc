package org.handover.system;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Checks HTTP Basic credentials against Camunda's identity service (hashed passwords, the same users staff have
 * in Tasklist and Admin), so that there is one set of users for every endpoint. Camunda groups become roles.
 */
@Component
class CamundaIdentityAuthenticationProvider implements AuthenticationProvider {

    private final IdentityService identityService;
    private final RecentlyVerifiedCredentials recentlyVerified;

    CamundaIdentityAuthenticationProvider(IdentityService identityService,
            @Value("${handover.security.verified-credentials-ttl:60s}") Duration verifiedCredentialsTtl, Clock clock) {
        this.identityService = identityService;
        this.recentlyVerified = new RecentlyVerifiedCredentials(verifiedCredentialsTtl, clock);
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String userId = authentication.getName();
        String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        if (userId == null || userId.isBlank()) {
            throw new BadCredentialsException("Unknown user or wrong password");
        }
        List<String> groups = recentlyVerified.groupsIfRecentlyVerified(userId, password).orElse(null);
        if (groups == null) {
            if (!identityService.checkPassword(userId, password)) {
                recentlyVerified.forget(userId);
                throw new BadCredentialsException("Unknown user or wrong password");
            }
            groups = identityService.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
            recentlyVerified.remember(userId, password, groups);
        }
        return new UsernamePasswordAuthenticationToken(new CamundaUser(userId, groups), null, authoritiesOf(groups));
    }

    private static List<GrantedAuthority> authoritiesOf(List<String> groups) {
        return groups.stream()
                .map(CamundaIdentityAuthenticationProvider::roleOf)
                .<GrantedAuthority>map(SimpleGrantedAuthority::new)
                .toList();
    }

    static String roleOf(String groupId) {
        return "ROLE_" + groupId.toUpperCase().replace('-', '_');
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
