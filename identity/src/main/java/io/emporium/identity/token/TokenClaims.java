package io.emporium.identity.token;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import io.emporium.identity.account.Accounts;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;

/**
 * The claims the command and query services read: audience {@value #AUDIENCE}, and the caller's roles in the
 * {@code roles} claim (an account's roles; for a machine, those of its client's registration). The subject is the
 * account's id, the customer id of the other services. The ID token says the account's e-mail to the page.
 */
@Component
public class TokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    static final String AUDIENCE = "emporium";
    /** The client setting that names a machine client's roles, comma-separated. */
    public static final String CLIENT_ROLES = "emporium.roles";

    private final Accounts accounts;

    TokenClaims(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
            // for the page that signed the person in, to say who it is (the access token carries no personal data)
            accounts.byId(context.getPrincipal().getName()).ifPresent(account -> context.getClaims().claim("email", account.email()));
            return;
        }
        if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) return;
        // ArrayLists: the claims are kept with the authorization, and read back only through Spring Security's allowlist
        context.getClaims().audience(new ArrayList<>(List.of(AUDIENCE)));
        if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
            String roles = context.getRegisteredClient().getClientSettings().getSetting(CLIENT_ROLES);
            context.getClaims().claim("roles", roles == null || roles.isBlank() ? new ArrayList<>() : new ArrayList<>(List.of(roles.split(","))));
        } else {
            context.getClaims().claim("roles", roles(context.getPrincipal().getAuthorities()));
        }
    }

    private static ArrayList<String> roles(Collection<? extends GrantedAuthority> authorities) {
        return authorities.stream().map(GrantedAuthority::getAuthority).filter(a -> a.startsWith("ROLE_"))
                .map(a -> a.substring("ROLE_".length())).collect(Collectors.toCollection(ArrayList::new));
    }
}
