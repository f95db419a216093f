package io.emporium.query.it;

import static io.emporium.query.it.QueryService.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.emporium.api.order.OrderLine;
import io.emporium.api.order.OrderPlacedEvent;
import io.emporium.testsupport.TestIssuer;
import io.emporium.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who may read what on the query side, with tokens from an OpenID Connect issuer running in the test: the service is
 * told nothing but the issuer's URI, finds its keys through discovery, and checks every token against them.
 */
class QueryAccessIT {

    private static TestIssuer issuer;
    private static QueryService service;
    private static String alicesOrder;
    private static long alicesVersion;
    private static String bobsOrder;

    @BeforeAll
    static void start() {
        issuer = new TestIssuer()
                .client("alice", "alice-secret", "customer")
                .client("bob", "bob-secret", "customer")
                .client("shop-staff", "staff-secret", "merchant")
                .client("shop-admin", "admin-secret", "admin");
        // only the issuer: no key file, no JWK set URI (the test key file of the other tests is switched off)
        service = QueryService.startOnFreshStore("emporium.identity.public-key=",
                "spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer.uri());
        alicesOrder = UUID.randomUUID().toString();
        bobsOrder = UUID.randomUUID().toString();
        alicesVersion = service.events().order(alicesOrder, new OrderPlacedEvent(alicesOrder, "alice", List.of(new OrderLine("p-1", 1))));
        service.events().order(bobsOrder, new OrderPlacedEvent(bobsOrder, "bob", List.of(new OrderLine("p-2", 2))));
        String staff = issuer.tokenFor("shop-staff", "staff-secret");
        // lists are searches: they show an order after the index's next refresh, reads by id at once
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            String listed = service.send("GET", "/api/orders", staff).body();
            return listed.contains(alicesOrder) && listed.contains(bobsOrder);
        });
    }

    @AfterAll
    static void stop() {
        if (service != null) service.close();
        if (issuer != null) issuer.close();
    }

    /** A token from the issuer's token endpoint (client credentials grant). */
    private static String alice() {
        return issuer.tokenFor("alice", "alice-secret");
    }

    private static int status(String path, String token) {
        return service.send("GET", path, token).statusCode();
    }

    @Test
    void aCustomerSeesItsOwnOrdersOnly() {
        String alice = alice();
        assertThat(json(service.send("GET", "/api/orders/" + alicesOrder, alice)).get("customerId").asText()).isEqualTo("alice");
        HttpResponse<String> bobs = service.send("GET", "/api/orders/" + bobsOrder, alice);
        assertThat(bobs.statusCode()).isEqualTo(404);
        assertThat(bobs.body()).doesNotContain("bob");
        assertThat(status("/api/orders/" + bobsOrder + "?minVersion=5", alice)).as("no wait, no version").isEqualTo(404);

        JsonNode mine = json(service.send("GET", "/api/orders", alice));
        assertThat(mine.get("items")).extracting(o -> o.get("orderId").asText()).containsExactly(alicesOrder);
        assertThat(status("/api/orders?customerId=bob", alice)).isEqualTo(403);
        assertThat(json(service.send("GET", "/api/orders?customerId=alice", alice)).get("items")).hasSize(1);
        assertThat(status("/api/orders/" + alicesOrder + "?minVersion=" + alicesVersion, alice)).isEqualTo(200);
    }

    @Test
    void staffSeeEveryOrder() {
        for (String staff : List.of(issuer.tokenFor("shop-staff", "staff-secret"), issuer.tokenFor("shop-admin", "admin-secret"))) {
            assertThat(json(service.send("GET", "/api/orders", staff)).get("items")).extracting(o -> o.get("orderId").asText())
                    .contains(alicesOrder, bobsOrder);
            assertThat(status("/api/orders/" + bobsOrder, staff)).isEqualTo(200);
        }
    }

    @Test
    void searchIsOpenToAnyone() {
        assertThat(status("/api/products/search?q=mug", null)).isEqualTo(200);
        assertThat(status("/api/products/suggest?prefix=mu", null)).isEqualTo(200);
        assertThat(status("/api/products/search?q=mug", alice())).isEqualTo(200);
    }

    @Test
    void administrationAndMetricsAreForAdminsOnly() {
        String admin = issuer.tokenFor("shop-admin", "admin-secret");
        for (String path : List.of("/admin/projections", "/admin/audit", "/actuator/prometheus", "/api/products/search/requests?q=mug")) {
            assertThat(status(path, null)).as("anonymous " + path).isEqualTo(401);
            assertThat(status(path, alice())).as("customer " + path).isEqualTo(403);
            assertThat(status(path, issuer.tokenFor("shop-staff", "staff-secret"))).as("merchant " + path).isEqualTo(403);
            assertThat(status(path, admin)).as("admin " + path).isEqualTo(200);
        }
        assertThat(json(service.send("GET", "/actuator/health", null)).has("components")).isFalse();
        assertThat(json(service.send("GET", "/actuator/health", admin)).has("components")).isTrue();
    }

    @Test
    void tokensTheIssuerDidNotSignOrThatExpiredAre401() {
        Map<String, Object> claims = TestTokens.claims("alice", List.of("customer"), Duration.ofHours(1));
        claims.put("iss", issuer.uri());
        HttpResponse<String> forged = service.send("GET", "/api/orders", TestTokens.signedByStranger(claims));
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("invalid_token"));
        assertThat(status("/api/orders", TestTokens.customer("alice"))).as("another issuer").isEqualTo(401);
        Map<String, Object> expired = TestTokens.claims("alice", List.of("customer"), Duration.ofMinutes(-5));
        expired.put("iss", issuer.uri());
        assertThat(status("/api/orders", issuer.sign(expired))).isEqualTo(401);
        assertThat(status("/api/orders", issuer.sign(claims))).as("the same claims, signed by the issuer").isEqualTo(200);
    }
}
