package io.emporium.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.springframework.security.oauth2.jwt.JwtException;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.security.oauth2.resource.OAuth2ResourceServerProperties;

class TokenDecodersTest {

    @Test
    void withoutAnIssuerAServiceRefusesToStartAndSaysWhatToSet() {
        IdentityProperties identity = new IdentityProperties("", "roles", "sub", Duration.ofSeconds(60), List.of(), 0, Duration.ofMinutes(5), null, null);
        assertThatThrownBy(() -> TokenDecoders.of(new OAuth2ResourceServerProperties().getJwt(), identity))
                .hasMessageContaining("EMPORIUM_JWT_ISSUER_URI").hasMessageContaining("infra/emporium up");
    }

    @Test
    void aMissingKeyFileIsNamed() {
        IdentityProperties identity = new IdentityProperties("/nonexistent/key.pem", "roles", "sub", Duration.ofSeconds(60), List.of(), 0, Duration.ofMinutes(5), null, null);
        assertThatThrownBy(() -> TokenDecoders.of(new OAuth2ResourceServerProperties().getJwt(), identity))
                .hasMessageContaining("/nonexistent/key.pem");
    }

    @Test
    void besideTheProviderTheScriptsTokensAreTrustedByTheirIssuerAndKeyAlone() throws Exception {
        KeyPair provider = rsa(), script = rsa(), stranger = rsa();
        IdentityProperties identity = new IdentityProperties(pem(provider), "roles", "sub", Duration.ofSeconds(60), List.of(), 0,
                Duration.ofMinutes(5), "urn:emporium:local", pem(script));
        OAuth2ResourceServerProperties.Jwt jwt = new OAuth2ResourceServerProperties().getJwt();
        jwt.setIssuerUri("http://127.0.0.1:9000");
        jwt.setAudiences(List.of("emporium"));
        var decoder = TokenDecoders.of(jwt, identity);

        assertThat(decoder.decode(token(provider, "http://127.0.0.1:9000")).getSubject()).isEqualTo("alice");
        assertThat(decoder.decode(token(script, "urn:emporium:local")).getSubject()).isEqualTo("alice");
        assertThatThrownBy(() -> decoder.decode(token(stranger, "urn:emporium:local"))).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decoder.decode(token(script, "http://127.0.0.1:9000"))).as("the script's key signs for its issuer only")
                .isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decoder.decode(token(provider, "urn:emporium:local"))).isInstanceOf(JwtException.class);
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static String pem(KeyPair pair) throws Exception {
        Path file = Files.createTempFile("public", ".pem");
        file.toFile().deleteOnExit();
        Files.writeString(file, "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        return file.toString();
    }

    private static String token(KeyPair signer, String issuer) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder().issuer(issuer).subject("alice")
                .audience("emporium").expirationTime(Date.from(Instant.now().plusSeconds(300))).build());
        jwt.sign(new RSASSASigner((RSAPrivateKey) signer.getPrivate()));
        return jwt.serialize();
    }
}
