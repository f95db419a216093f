package io.emporium.query.web;

import java.util.List;

import io.emporium.support.security.AccessRules;
import io.emporium.support.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Product search and reads are public, and so are the declared attributes (the storefront labels facets with them);
 * merchants and admins read the synonym rules; customers read their own orders and merchants all of them (the order views
 * check whose it is); customers keep a basket and check out; administration, the raw Elasticsearch requests and
 * metrics need an admin.
 */
@Configuration
class QuerySecurity {

    @Bean
    AccessRules queryAccessRules() {
        return AccessRules.builder()
                .roles(HttpMethod.GET, List.of(Roles.ADMIN), "/api/products/search/requests", "/api/products/suggest/requests")
                .anyone(HttpMethod.GET, "/api/products/**", "/api/attributes")
                .roles(HttpMethod.GET, List.of(Roles.MERCHANT, Roles.ADMIN), "/api/synonyms")
                // the pages are public files; the console's calls of the admin API carry the admin's token
                .anyone(HttpMethod.GET, "/", "/index.html", "/product.html", "/products/*", "/console", "/console.html",
                        "/basket", "/basket.html", "/checkout", "/checkout.html", "/orders", "/orders/*", "/orders.html",
                        "/assets/**", "/favicon.ico", "/.well-known/oauth-protected-resource")
                .roles(HttpMethod.GET, List.of(Roles.CUSTOMER, Roles.MERCHANT), "/api/orders", "/api/orders/**")
                // a customer's own basket and checkout
                .roles(null, List.of(Roles.CUSTOMER), "/api/basket", "/api/basket/**", "/api/checkout")
                .build();
    }
}
