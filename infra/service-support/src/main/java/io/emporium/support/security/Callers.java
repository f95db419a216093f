package io.emporium.support.security;

import java.util.Set;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** The caller of the request being handled, read from its verified token. */
public final class Callers {

    private final IdentityProperties identity;

    Callers(IdentityProperties identity) {
        this.identity = identity;
    }

    /** The caller, or an anonymous one (no subject, no roles) when the request carries no token. */
    public Caller current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!(authentication instanceof JwtAuthenticationToken token)) return new Caller(null, null, Set.of());
        Object customer = Claims.at(token.getToken().getClaims(), identity.customerClaim());
        return new Caller(token.getName(), customer == null ? null : customer.toString(),
                TokenRoles.of(token.getToken(), identity.rolesClaim()));
    }
}
