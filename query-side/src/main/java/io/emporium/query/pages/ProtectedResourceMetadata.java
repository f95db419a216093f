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
 * for any client that wants to find out (the console signs in through it). {@code emporium_console_client_id}, an
 * extension parameter, names the public client registered at that server for the console, when there is one.
 */
@RestController
class ProtectedResourceMetadata {

    private final String issuer;
    private final String consoleClientId;

    ProtectedResourceMetadata(@Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri:}") String issuer,
                              @Value("${emporium.console.client-id:}") String consoleClientId) {
        this.issuer = issuer;
        this.consoleClientId = consoleClientId;
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
        return metadata;
    }
}
