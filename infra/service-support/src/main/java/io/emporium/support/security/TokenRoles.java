package io.emporium.support.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/** The roles of a token, from the configured claim (a list, or one string of roles separated by spaces), as authorities. */
final class TokenRoles implements Converter<Jwt, Collection<GrantedAuthority>> {

    private final String claim;

    TokenRoles(String claim) {
        this.claim = claim;
    }

    private Set<String> roles(Jwt token) {
        Object value = Claims.at(token.getClaims(), claim);
        Collection<?> listed = value instanceof Collection<?> list ? list
                : value instanceof String text ? List.of(text.trim().split("\\s+")) : List.of();
        Set<String> roles = new LinkedHashSet<>();
        listed.forEach(role -> roles.add(String.valueOf(role).toLowerCase(Locale.ROOT)));
        if (roles.contains(Roles.ADMIN)) roles.add(Roles.MERCHANT);
        return roles;
    }

    @Override
    public Collection<GrantedAuthority> convert(Jwt token) {
        return roles(token).stream().<GrantedAuthority>map(role -> new SimpleGrantedAuthority(Roles.authority(role))).toList();
    }
}
