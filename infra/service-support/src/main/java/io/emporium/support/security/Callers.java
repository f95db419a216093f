package io.emporium.support.security;

import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** The caller of the request being handled, read from its verified token. */
public final class Callers {

    private final IdentityProperties identity;

    Callers(IdentityProperties identity) {
        this.identity = identity;
    }

    /** The caller, or an anonymous one (no customer id, no roles) when the request carries no token. */
    public Caller current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!(authentication instanceof JwtAuthenticationToken token)) return new Caller(null, Set.of());
        Object customer = Claims.at(token.getToken().getClaims(), identity.customerClaim());
        // the roles TokenRoles made the token's authorities when it was verified
        Set<String> roles = token.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith(Roles.AUTHORITY_PREFIX))
                .map(authority -> authority.substring(Roles.AUTHORITY_PREFIX.length()))
                .collect(Collectors.toUnmodifiableSet());
        return new Caller(customer == null ? null : customer.toString(), roles);
    }

    /** The verified token the request carries, to act for its caller at another service (e.g. checkout placing the order). */
    public java.util.Optional<String> bearerToken() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof JwtAuthenticationToken token ? java.util.Optional.of(token.getToken().getTokenValue())
                : java.util.Optional.empty();
    }
}
