package io.emporium.support.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.nimbusds.jwt.JWTParser;

import org.springframework.boot.autoconfigure.security.oauth2.resource.OAuth2ResourceServerProperties;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.util.StringUtils;

/**
 * The token decoder of both services, from Spring Boot's resource-server properties: a JWK set URI, else a public
 * key, else the issuer's discovery document (fetched at the first token, so a service starts while its provider is
 * down); beside it, where configured, the tokens {@code infra/emporium token} signs with its own key. Unlike Spring
 * Boot's own decoder it takes a configurable clock skew and refuses tokens without an expiry.
 */
final class TokenDecoders {

    static final String NONE_CONFIGURED = "No token issuer configured: set EMPORIUM_JWT_ISSUER_URI (OpenID Connect discovery), "
            + "EMPORIUM_JWT_JWK_SET_URI or EMPORIUM_JWT_PUBLIC_KEY (infra/emporium up makes a local key pair).";

    private TokenDecoders() {
    }

    static JwtDecoder of(OAuth2ResourceServerProperties.Jwt jwt, IdentityProperties identity) {
        JwtDecoder provider = ofProvider(jwt, identity);
        if (!StringUtils.hasText(identity.scriptIssuer()) || !StringUtils.hasText(identity.scriptPublicKey())) return provider;
        // the script's tokens (infra/emporium token) beside the provider's: chosen by their iss claim, checked alike
        String scriptIssuer = identity.scriptIssuer().trim();
        JwtDecoder script = validated(NimbusJwtDecoder.withPublicKey(rsaKey(new FileSystemResource(identity.scriptPublicKey().trim())))
                .signatureAlgorithm(SignatureAlgorithm.RS256).build(), validator(scriptIssuer, jwt.getAudiences(), identity));
        return token -> scriptIssuer.equals(unverifiedIssuer(token)) ? script.decode(token) : provider.decode(token);
    }

    /** The iss claim of a token not yet verified: it only chooses the key that then verifies the token. */
    private static String unverifiedIssuer(String token) {
        try {
            return JWTParser.parse(token).getJWTClaimsSet().getIssuer();
        } catch (ParseException e) {
            throw new BadJwtException("Malformed token", e);
        }
    }

    private static JwtDecoder ofProvider(OAuth2ResourceServerProperties.Jwt jwt, IdentityProperties identity) {
        String issuer = StringUtils.hasText(jwt.getIssuerUri()) ? jwt.getIssuerUri().trim() : null;
        Resource publicKey = jwt.getPublicKeyLocation() != null ? jwt.getPublicKeyLocation()
                : StringUtils.hasText(identity.publicKey()) ? new FileSystemResource(identity.publicKey().trim()) : null;
        SignatureAlgorithm algorithm = SignatureAlgorithm.from(jwt.getJwsAlgorithms().isEmpty() ? "RS256" : jwt.getJwsAlgorithms().get(0));
        OAuth2TokenValidator<Jwt> validator = validator(issuer, jwt.getAudiences(), identity);
        if (StringUtils.hasText(jwt.getJwkSetUri())) {
            return validated(NimbusJwtDecoder.withJwkSetUri(jwt.getJwkSetUri().trim()).jwsAlgorithm(algorithm).build(), validator);
        }
        if (publicKey != null) {
            return validated(NimbusJwtDecoder.withPublicKey(rsaKey(publicKey)).signatureAlgorithm(algorithm).build(), validator);
        }
        if (issuer != null) {
            return new SupplierJwtDecoder(() -> validated(NimbusJwtDecoder.withIssuerLocation(issuer).build(), validator));
        }
        throw new IllegalStateException(NONE_CONFIGURED);
    }

    private static NimbusJwtDecoder validated(NimbusJwtDecoder decoder, OAuth2TokenValidator<Jwt> validator) {
        decoder.setJwtValidator(validator);
        return decoder;
    }

    private static OAuth2TokenValidator<Jwt> validator(String issuer, List<String> audiences, IdentityProperties identity) {
        List<OAuth2TokenValidator<Jwt>> checks = new ArrayList<>();
        checks.add(new JwtTimestampValidator(identity.clockSkew()));
        checks.add(new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull));
        if (issuer != null) checks.add(new JwtIssuerValidator(issuer));
        List<String> expected = audiences.stream().filter(StringUtils::hasText).map(String::trim).toList();
        if (!expected.isEmpty()) {
            checks.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, aud -> aud != null && aud.stream().anyMatch(expected::contains)));
        }
        return new DelegatingOAuth2TokenValidator<>(checks);
    }

    private static java.security.interfaces.RSAPublicKey rsaKey(Resource location) {
        try (InputStream in = location.getInputStream()) {
            return RsaKeyConverters.x509().convert(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the token issuer's public key from " + location, e);
        }
    }
}
