package io.emporium.identity.erasure;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.emporium.identity.IdentityProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.stereotype.Component;

/**
 * Tells the command service to erase the personal data of deleted accounts: every request the deletion wrote is sent
 * until the command service confirms it (erasing twice is harmless there), so a service that was away at the time
 * erases as soon as it is back. The call carries a short-lived admin token this service signs for itself.
 */
@Component
class ErasureDelivery {

    private static final Logger log = LoggerFactory.getLogger(ErasureDelivery.class);

    private final JdbcTemplate jdbc;
    private final JwtEncoder tokens;
    private final IdentityProperties properties;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    ErasureDelivery(JdbcTemplate jdbc, JwtEncoder tokens, IdentityProperties properties) {
        this.jdbc = jdbc;
        this.tokens = tokens;
        this.properties = properties;
    }

    @Scheduled(initialDelayString = "PT2S", fixedDelayString = "PT3S")
    void deliver() {
        List<String> pending = jdbc.queryForList("SELECT account_id FROM erasure_request ORDER BY requested_at LIMIT 50", String.class);
        if (pending.isEmpty()) return;
        String token = serviceToken();
        for (String accountId : pending) {
            String failure = erase(accountId, token);
            if (failure == null) {
                jdbc.update("DELETE FROM erasure_request WHERE account_id = ?", accountId);
                log.info("The command service erased the personal data of a deleted account");
            } else {
                jdbc.update("UPDATE erasure_request SET attempts = attempts + 1, last_error = ? WHERE account_id = ?", failure, accountId);
                log.warn("Erasure of a deleted account's personal data not confirmed yet ({}); retrying", failure);
                return; // the command service is away or refuses: the others wait for the next round
            }
        }
    }

    /** @return null when the command service confirmed, else why not */
    private String erase(String accountId, String token) {
        URI uri = URI.create(properties.commandUrl() + "/api/customers/" + URLEncoder.encode(accountId, StandardCharsets.UTF_8)
                + "/personal-data");
        try {
            HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).DELETE()
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.discarding());
            return answer.statusCode() == 204 ? null : "the command service answered " + answer.statusCode();
        } catch (IOException e) {
            return "the command service did not answer: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private String serviceToken() {
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(properties.issuer().toString())
                .subject("emporium-identity")
                .audience(List.of("emporium"))
                .issuedAt(now)
                .expiresAt(now.plus(Duration.ofMinutes(2)))
                .claim("roles", List.of("admin"))
                .build();
        return tokens.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims)).getTokenValue();
    }
}
