package io.emporium.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

class AccessRulesTest {

    private final AccessRules rules = AccessRules.builder()
            .roles(HttpMethod.GET, List.of(Roles.ADMIN), "/api/products/search/requests")
            .anyone(HttpMethod.GET, "/api/products/**")
            .roles(null, List.of(Roles.CUSTOMER), "/api/orders/*/cancel")
            .build();

    @Test
    void theFirstMatchingRuleDecides() {
        assertThat(rules.rolesFor("GET", "/api/products/search/requests")).containsExactly(Roles.ADMIN);
        assertThat(rules.rolesFor("GET", "/api/products/search")).isEmpty();
    }

    @Test
    void pathTemplatesOfTheApiDocumentationMatchTheirPatterns() {
        assertThat(rules.rolesFor("POST", "/api/orders/{orderId}/cancel")).containsExactly(Roles.CUSTOMER);
    }

    @Test
    void whatNoRuleNamesNeedsAnAdminAndHealthIsAlwaysOpen() {
        assertThat(rules.rolesFor("POST", "/api/products")).containsExactly(Roles.ADMIN);
        assertThat(rules.rolesFor("GET", "/actuator/prometheus")).containsExactly(Roles.ADMIN);
        assertThat(rules.rolesFor("GET", "/actuator/health/readiness")).isEmpty();
    }
}
