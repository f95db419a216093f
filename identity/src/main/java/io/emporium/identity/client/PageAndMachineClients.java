package io.emporium.identity.client;

import java.util.UUID;

import io.emporium.identity.IdentityProperties;
import io.emporium.identity.token.TokenClaims;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Component;

/**
 * The stack's clients, written at start-up from the configuration (kept ids, so authorizations survive a restart):
 * the storefront and the console as public clients (authorization code with PKCE required), and the machine client
 * of the script's commands (client credentials, role admin) where a secret is configured.
 */
@Component
class PageAndMachineClients implements ApplicationRunner {

    static final String STOREFRONT = "emporium-storefront";
    static final String CONSOLE = "emporium-console";
    static final String MACHINE = "emporium-machine";

    private final RegisteredClientRepository clients;
    private final IdentityProperties properties;
    private final PasswordEncoder passwords;

    PageAndMachineClients(RegisteredClientRepository clients, IdentityProperties properties, PasswordEncoder passwords) {
        this.clients = clients;
        this.properties = properties;
        this.passwords = passwords;
    }

    @Override
    public void run(ApplicationArguments args) {
        clients.save(page(STOREFRONT, "Emporium storefront"));
        clients.save(page(CONSOLE, "Emporium operations console"));
        String secret = properties.machineClientSecret();
        if (secret != null && !secret.isBlank()) {
            clients.save(builder(MACHINE).clientName("Emporium scripts (demo, rebuild, verify, status)")
                    .clientSecret(passwords.encode(secret))
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                    .clientSettings(ClientSettings.builder().setting(TokenClaims.CLIENT_ROLES, "admin,merchant").build())
                    .tokenSettings(tokens()).build());
        }
    }

    private RegisteredClient page(String clientId, String name) {
        RegisteredClient.Builder page = builder(clientId).clientName(name)
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .scope(OidcScopes.OPENID).scope(OidcScopes.PROFILE)
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .tokenSettings(tokens());
        properties.pageRedirectUris().forEach(uri -> page.redirectUri(uri.toString()).postLogoutRedirectUri(uri.toString()));
        return page.build();
    }

    /** Short access tokens; refresh tokens (for confidential clients) are rotated: each use ends the one used. */
    private TokenSettings tokens() {
        return TokenSettings.builder().accessTokenTimeToLive(properties.accessTokenTtl())
                .refreshTokenTimeToLive(properties.refreshTokenTtl()).reuseRefreshTokens(false).build();
    }

    private RegisteredClient.Builder builder(String clientId) {
        RegisteredClient existing = clients.findByClientId(clientId);
        return RegisteredClient.withId(existing != null ? existing.getId() : UUID.randomUUID().toString()).clientId(clientId);
    }
}
