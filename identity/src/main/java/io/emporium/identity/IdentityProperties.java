package io.emporium.identity;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The identity service's settings.
 *
 * @param issuer                    the issuer URI the tokens name and the services trust (discovery lives under it)
 * @param accessTokenTtl            how long an access token lives
 * @param refreshTokenTtl           how long a refresh token lives (each use gives a new one and ends the old)
 * @param keyRotation               how old the signing key gets before a new one signs
 * @param signInFailuresPerAccount  failed sign-ins of one account in a window before it must wait
 * @param signInFailuresPerAddress  failed sign-ins from one client address in a window before it must wait
 * @param signInFailureWindow       the window, and the wait
 * @param pageRedirectUris          where the storefront and the console may be sent back after sign-in and sign-out
 * @param machineClientSecret       the secret of the machine client (client credentials, role admin); none: no client
 * @param adminEmail                the first administrator's e-mail
 * @param adminPassword             the first administrator's password; none: no administrator is made
 * @param commandUrl                the command service's API, told to erase a deleted account's personal data
 */
@ConfigurationProperties("emporium.identity-service")
public record IdentityProperties(URI issuer,
                                 @DefaultValue("10m") Duration accessTokenTtl,
                                 @DefaultValue("8h") Duration refreshTokenTtl,
                                 @DefaultValue("30d") Duration keyRotation,
                                 @DefaultValue("5") int signInFailuresPerAccount,
                                 @DefaultValue("20") int signInFailuresPerAddress,
                                 @DefaultValue("15m") Duration signInFailureWindow,
                                 @DefaultValue List<URI> pageRedirectUris,
                                 String machineClientSecret,
                                 String adminEmail,
                                 String adminPassword,
                                 @DefaultValue("http://127.0.0.1:8080") URI commandUrl) {
}
