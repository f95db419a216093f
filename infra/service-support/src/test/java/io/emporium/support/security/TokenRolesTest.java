package io.emporium.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

class TokenRolesTest {

    private static Jwt token(Map<String, Object> claims) {
        return new Jwt("t", Instant.now(), Instant.now().plusSeconds(60), Map.of("alg", "RS256"), claims);
    }

    private static List<String> authorities(String claim, Map<String, Object> claims) {
        return new TokenRoles(claim).convert(token(claims)).stream().map(GrantedAuthority::getAuthority).toList();
    }

    @Test
    void rolesComeFromAListAndAnAdminIsAMerchantToo() {
        assertThat(authorities("roles", Map.of("sub", "a", "roles", List.of("Admin")))).containsExactly("ROLE_admin", "ROLE_merchant");
    }

    @Test
    void aDottedPathReachesIntoObjectsAsKeycloakNestsRealmRoles() {
        Map<String, Object> keycloak = Map.of("sub", "c", "realm_access", Map.of("roles", List.of("customer", "offline_access")));
        assertThat(authorities("realm_access.roles", keycloak)).containsExactly("ROLE_customer", "ROLE_offline_access");
    }

    @Test
    void aSpaceSeparatedStringIsAListOfRoles() {
        assertThat(authorities("scope", Map.of("sub", "m", "scope", "merchant customer"))).containsExactly("ROLE_merchant", "ROLE_customer");
    }

    @Test
    void noClaimMeansNoRoles() {
        assertThat(authorities("roles", Map.of("sub", "x"))).isEmpty();
        assertThat(authorities("realm_access.roles", Map.of("sub", "x", "realm_access", "not an object"))).isEmpty();
    }
}
