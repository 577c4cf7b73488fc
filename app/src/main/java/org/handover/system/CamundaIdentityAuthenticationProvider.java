package org.handover.system;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
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

    CamundaIdentityAuthenticationProvider(IdentityService identityService) {
        this.identityService = identityService;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String userId = authentication.getName();
        String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        if (userId == null || userId.isBlank() || !identityService.checkPassword(userId, password)) {
            throw new BadCredentialsException("Unknown user or wrong password");
        }
        return new UsernamePasswordAuthenticationToken(userId, null, authoritiesOf(userId));
    }

    private List<GrantedAuthority> authoritiesOf(String userId) {
        return identityService.createGroupQuery().groupMember(userId).list().stream()
                .map(Group::getId)
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
