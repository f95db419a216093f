package io.emporium.support.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.security.oauth2.resource.OAuth2ResourceServerProperties;

class TokenDecodersTest {

    @Test
    void withoutAnIssuerAServiceRefusesToStartAndSaysWhatToSet() {
        IdentityProperties identity = new IdentityProperties("", "roles", "sub", Duration.ofSeconds(60), List.of(), 0, Duration.ofMinutes(5));
        assertThatThrownBy(() -> TokenDecoders.of(new OAuth2ResourceServerProperties().getJwt(), identity))
                .hasMessageContaining("EMPORIUM_JWT_ISSUER_URI").hasMessageContaining("infra/emporium up");
    }

    @Test
    void aMissingKeyFileIsNamed() {
        IdentityProperties identity = new IdentityProperties("/nonexistent/key.pem", "roles", "sub", Duration.ofSeconds(60), List.of(), 0, Duration.ofMinutes(5));
        assertThatThrownBy(() -> TokenDecoders.of(new OAuth2ResourceServerProperties().getJwt(), identity))
                .hasMessageContaining("/nonexistent/key.pem");
    }
}
