package io.emporium.support.security;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the services read a token, beside Spring Boot's own {@code spring.security.oauth2.resourceserver.jwt.*}
 * (issuer, JWK set, audiences).
 *
 * @param publicKey    a PEM file with the issuer's RSA public key, for a local issuer without a JWK set endpoint
 * @param rolesClaim   the claim with the caller's roles; a dotted path reaches into objects (Keycloak: {@code realm_access.roles})
 * @param customerClaim the claim with the customer id of a customer
 * @param clockSkew    how far the clocks of issuer and service may differ when checking {@code exp} and {@code nbf}
 * @param corsOrigins  the origins whose pages may call the services from a browser; none by default
 * @param verifiedTokenCache how many verified tokens each service remembers (0: verify every request's token)
 * @param verifiedTokenTtl how long a remembered token is trusted before it is verified again
 * @param scriptIssuer   the issuer of the tokens {@code infra/emporium token} signs with its own key, trusted beside the
 *                       configured provider (local stacks only; empty: none)
 * @param scriptPublicKey a PEM file with that key's public half
 */
@ConfigurationProperties("emporium.identity")
public record IdentityProperties(String publicKey,
                                 @DefaultValue("roles") String rolesClaim,
                                 @DefaultValue("sub") String customerClaim,
                                 @DefaultValue("60s") Duration clockSkew,
                                 @DefaultValue List<String> corsOrigins,
                                 @DefaultValue("10000") int verifiedTokenCache,
                                 @DefaultValue("5m") Duration verifiedTokenTtl,
                                 String scriptIssuer,
                                 String scriptPublicKey) {
}
