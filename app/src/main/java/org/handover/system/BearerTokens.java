package org.handover.system;

import java.util.Collection;
import java.util.List;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * OAuth2 bearer tokens for systems posting messages (prod option): the token's {@code roles} claim lists Camunda
 * group ids (e.g. {@code integration}), which become the same roles HTTP Basic users get from their groups.
 */
final class BearerTokens implements Converter<Jwt, AbstractAuthenticationToken> {

    static final String ROLES_CLAIM = "roles";

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        List<GrantedAuthority> authorities = groupsOf(jwt).stream()
                .<GrantedAuthority>map(group -> new SimpleGrantedAuthority(CamundaIdentityAuthenticationProvider.roleOf(group)))
                .toList();
        return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
    }

    static List<String> groupsOf(Jwt jwt) {
        Collection<String> roles = jwt.getClaimAsStringList(ROLES_CLAIM);
        return roles == null ? List.of() : List.copyOf(roles);
    }
}
