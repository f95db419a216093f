package io.emporium.query.pages;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * OAuth 2.0 Protected Resource Metadata (RFC 9728): which authorization server issues the tokens this service takes,
 * for any client that wants to find out (the console and the storefront sign in through it). {@code
 * emporium_console_client_id} and {@code emporium_storefront_client_id}, extension parameters, name the public clients
 * registered at that server for the two pages, where there are some.
 */
@RestController
class ProtectedResourceMetadata {

    private final String issuer;
    private final String consoleClientId;
    private final String storefrontClientId;

    ProtectedResourceMetadata(@Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri:}") String issuer,
                              @Value("${emporium.console.client-id:}") String consoleClientId,
                              @Value("${emporium.storefront.client-id:}") String storefrontClientId) {
        this.issuer = issuer;
        this.consoleClientId = consoleClientId;
        this.storefrontClientId = storefrontClientId;
    }

    @GetMapping(path = "/.well-known/oauth-protected-resource", produces = "application/json")
    Map<String, Object> metadata() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("resource", ServletUriComponentsBuilder.fromCurrentContextPath().toUriString());
        // a local issuer's name (urn:…) is no server to sign in at
        if (issuer.startsWith("https://") || issuer.startsWith("http://")) metadata.put("authorization_servers", List.of(issuer));
        metadata.put("bearer_methods_supported", List.of("header"));
        metadata.put("resource_name", "Emporium query service");
        if (!consoleClientId.isBlank()) metadata.put("emporium_console_client_id", consoleClientId);
        if (!storefrontClientId.isBlank()) metadata.put("emporium_storefront_client_id", storefrontClientId);
        return metadata;
    }
}
