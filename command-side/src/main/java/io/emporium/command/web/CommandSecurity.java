package io.emporium.command.web;

import java.util.List;

import io.emporium.support.security.AccessRules;
import io.emporium.support.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Customers place and cancel their own orders (the order checks whose it is); merchants run the catalogue and ship;
 * merchants and admins manage webhooks; everything else (metrics) needs an admin.
 */
@Configuration
class CommandSecurity {

    @Bean
    AccessRules commandAccessRules() {
        return AccessRules.builder()
                .roles(HttpMethod.POST, List.of(Roles.CUSTOMER), "/api/orders", "/api/orders/*/cancel")
                .roles(HttpMethod.POST, List.of(Roles.MERCHANT), "/api/orders/*/ship")
                // a customer erases their own personal data (the identity service does it for a deleted account: admin)
                .roles(HttpMethod.DELETE, List.of(Roles.CUSTOMER, Roles.ADMIN), "/api/customers/*/personal-data")
                .roles(null, List.of(Roles.MERCHANT), "/api/products", "/api/products/**", "/api/attributes", "/api/attributes/**",
                        "/api/synonyms", "/api/synonyms/**")
                .roles(null, List.of(Roles.MERCHANT, Roles.ADMIN), "/api/webhooks", "/api/webhooks/**")
                .build();
    }
}
