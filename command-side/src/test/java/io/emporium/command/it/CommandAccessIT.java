package io.emporium.command.it;

import static io.emporium.command.it.CommandService.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.emporium.testsupport.TestServices;
import io.emporium.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who may send which command, with real tokens against the real service: each role against each endpoint class, the
 * tokens that are refused, and customers who reach for another customer's orders or idempotency keys.
 */
class CommandAccessIT {

    private static final String ALICE = "alice";
    private static final String BOB = "bob";

    private static CommandService service;
    private static String product;

    @BeforeAll
    static void start() {
        service = CommandService.start(TestServices.newDatabase(), "emporium.identity.cors-origins=https://shop.example");
        product = service.createProduct("ACCESS-1", 1000);
    }

    @AfterAll
    static void stop() {
        if (service != null) service.close();
    }

    /** The headers of a call with this token, and any more. */
    private static String[] as(String token, String... more) {
        List<String> headers = new java.util.ArrayList<>(List.of("Authorization", TestTokens.bearer(token)));
        headers.addAll(List.of(more));
        return headers.toArray(String[]::new);
    }

    private static String customer(String id) {
        return TestTokens.customer(id);
    }

    private static String order(String... customerId) {
        String customer = customerId.length == 0 ? "" : "\"customerId\":\"" + customerId[0] + "\",";
        return "{" + customer + "\"lines\":[{\"productId\":\"" + product + "\",\"quantity\":1}]}";
    }

    private static String newProduct() {
        return "{\"sku\":\"SKU-" + UUID.randomUUID() + "\",\"name\":\"n\",\"description\":\"\",\"category\":\"c\",\"price\":1.00,\"initialStock\":1}";
    }

    private static String placeAs(String customerId) {
        HttpResponse<String> placed = service.post("/api/orders", order(), as(customer(customerId)));
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(202);
        return json(placed).get("orderId").asText();
    }

    @Test
    void withoutAValidTokenEveryCommandIs401WithABearerChallenge() {
        Map<String, Object> valid = TestTokens.claims("merchant-1", List.of("merchant"), Duration.ofHours(1));
        Map<String, String> refused = Map.of(
                "no token", "",
                "expired", TestTokens.sign(TestTokens.claims("merchant-1", List.of("merchant"), Duration.ofMinutes(-5))),
                "wrong signature", TestTokens.signedByStranger(valid),
                "wrong audience", TestTokens.sign(with(valid, "aud", "another-api")),
                "wrong issuer", TestTokens.sign(with(valid, "iss", "https://issuer.example")),
                "no expiry", TestTokens.sign(with(valid, "exp", null)),
                "not a token", "not.a.token");
        refused.forEach((why, token) -> {
            HttpResponse<String> answer = token.isEmpty() ? service.post("/api/products", newProduct(), "Authorization", "")
                    : service.post("/api/products", newProduct(), as(token));
            assertThat(answer.statusCode()).as(why).isEqualTo(401);
            assertThat(answer.headers().firstValue("WWW-Authenticate")).as(why).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(answer.headers().firstValue("Content-Type")).as(why).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        });
        assertThat(service.post("/api/products", newProduct(), as(TestTokens.sign(valid))).statusCode()).isEqualTo(201);
    }

    private static Map<String, Object> with(Map<String, Object> claims, String name, Object value) {
        Map<String, Object> changed = new java.util.LinkedHashMap<>(claims);
        if (value == null) changed.remove(name);
        else changed.put(name, value);
        return changed;
    }

    @Test
    void onlyMerchantsAndAdminsRunTheCatalogue() {
        for (String token : List.of(TestTokens.merchant(), TestTokens.admin())) {
            HttpResponse<String> created = service.post("/api/products", newProduct(), as(token));
            assertThat(created.statusCode()).isEqualTo(201);
            String id = json(created).get("productId").asText();
            assertThat(service.put("/api/products/" + id + "/price", "{\"price\":2.00}", as(token)).statusCode()).isEqualTo(200);
            assertThat(service.post("/api/products/" + id + "/stock", "{\"quantity\":2}", as(token)).statusCode()).isEqualTo(200);
            assertThat(service.put("/api/products/" + id + "/details", "{\"name\":\"m\",\"description\":\"\",\"category\":\"c\"}", as(token))
                    .statusCode()).isEqualTo(200);
            assertThat(service.post("/api/products/" + id + "/discontinue", "", as(token)).statusCode()).isEqualTo(200);
        }
        long created = service.eventCount("ProductCreatedEvent");
        assertThat(service.post("/api/products", newProduct(), as(customer(ALICE))).statusCode()).isEqualTo(403);
        assertThat(service.put("/api/products/" + product + "/price", "{\"price\":0.01}", as(customer(ALICE))).statusCode()).isEqualTo(403);
        assertThat(service.post("/api/products/" + product + "/discontinue", "", as(customer(ALICE))).statusCode()).isEqualTo(403);
        assertThat(service.post("/api/products", newProduct(), as(TestTokens.token("nobody", List.of()))).statusCode()).isEqualTo(403);
        assertThat(service.eventCount("ProductCreatedEvent")).as("nothing was stored").isEqualTo(created);
        assertThat(service.events(product)).extracting(e -> e.get("@type").asText())
                .doesNotContain("ProductPriceChangedEvent", "ProductDiscontinuedEvent");
    }

    @Test
    void customersOrderForThemselvesOnly() {
        HttpResponse<String> own = service.post("/api/orders", order(ALICE), as(customer(ALICE)));
        assertThat(own.statusCode()).isEqualTo(202);
        String orderId = json(own).get("orderId").asText();
        assertThat(service.events(orderId).get(0).get("customerId").asText()).isEqualTo(ALICE);
        assertThat(service.events(placeAs(ALICE)).get(0).get("customerId").asText()).as("customerId left out").isEqualTo(ALICE);

        long placed = service.eventCount("OrderPlacedEvent");
        HttpResponse<String> forBob = service.post("/api/orders", order(BOB), as(customer(ALICE)));
        assertThat(forBob.statusCode()).isEqualTo(403);
        assertThat(forBob.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(service.post("/api/orders", order(), as(TestTokens.merchant())).statusCode()).as("merchants do not order").isEqualTo(403);
        assertThat(service.post("/api/orders", order(), as(TestTokens.admin())).statusCode()).isEqualTo(403);
        assertThat(service.eventCount("OrderPlacedEvent")).isEqualTo(placed);
    }

    @Test
    void aCustomerCancelsItsOwnOrdersAndAnotherCustomersOrderDoesNotExistForIt() {
        String alices = placeAs(ALICE);
        await().atMost(Duration.ofSeconds(20)).until(() -> service.events(alices).size() > 1); // confirmed by the saga
        int events = service.events(alices).size();

        assertThat(service.post("/api/orders/" + alices + "/cancel", "", as(customer(BOB))).statusCode()).isEqualTo(404);
        assertThat(service.post("/api/orders/" + alices + "/cancel", "", as(customer(BOB), "If-Match", "\"7\"")).statusCode())
                .as("its version shows nowhere").isEqualTo(404);
        assertThat(service.post("/api/orders/" + alices + "/cancel", "", as(TestTokens.merchant())).statusCode()).isEqualTo(403);
        assertThat(service.post("/api/orders/" + alices + "/ship", "", as(customer(ALICE))).statusCode()).isEqualTo(403);
        assertThat(service.events(alices)).hasSize(events);

        assertThat(service.post("/api/orders/" + alices + "/cancel", "", as(customer(ALICE), "If-Match", "\"99\"")).statusCode()).isEqualTo(412);
        assertThat(service.post("/api/orders/" + alices + "/cancel", "", as(customer(ALICE))).statusCode()).isEqualTo(200);
        assertThat(service.events(alices)).extracting(e -> e.get("@type").asText()).contains("OrderCancelledEvent");
    }

    @Test
    void merchantsShipAndAreNotRefusedByTheRulesOfAccess() {
        String alices = placeAs(ALICE);
        // pending or confirmed by now: either way the order answers, not the rules of access
        assertThat(service.post("/api/orders/" + alices + "/ship", "", as(TestTokens.merchant())).statusCode()).isIn(200, 409);
        assertThat(service.post("/api/orders/" + alices + "/ship", "", as(TestTokens.admin())).statusCode()).isIn(200, 409);
    }

    @Test
    void anIdempotencyKeyBelongsToTheCallerWhoUsedIt() {
        String key = UUID.randomUUID().toString();
        HttpResponse<String> alices = service.post("/api/orders", order(), as(customer(ALICE), "Idempotency-Key", key));
        HttpResponse<String> bobs = service.post("/api/orders", order(), as(customer(BOB), "Idempotency-Key", key));
        assertThat(alices.statusCode()).isEqualTo(202);
        assertThat(bobs.statusCode()).isEqualTo(202);
        String bobsOrder = json(bobs).get("orderId").asText();
        assertThat(bobsOrder).as("Bob gets an order of his own, not Alice's answer").isNotEqualTo(json(alices).get("orderId").asText());
        assertThat(service.events(bobsOrder).get(0).get("customerId").asText()).isEqualTo(BOB);
        HttpResponse<String> replayed = service.post("/api/orders", order(), as(customer(ALICE), "Idempotency-Key", key));
        assertThat(json(replayed).get("orderId").asText()).isEqualTo(json(alices).get("orderId").asText());
    }

    @Test
    void healthIsOpenButItsDetailsAndTheMetricsAreForAdmins() {
        HttpResponse<String> anonymous = service.get("/actuator/health", "Authorization", "");
        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(json(anonymous).get("status").asText()).isEqualTo("UP");
        assertThat(json(anonymous).has("components")).isFalse();
        assertThat(json(service.get("/actuator/health", as(TestTokens.admin()))).has("components")).isTrue();
        assertThat(service.get("/actuator/prometheus", "Authorization", "").statusCode()).isEqualTo(401);
        assertThat(service.get("/actuator/prometheus", as(TestTokens.merchant())).statusCode()).isEqualTo(403);
        assertThat(service.get("/actuator/prometheus", as(TestTokens.admin())).statusCode()).isEqualTo(200);
    }

    @Test
    void publishingIsForAdminsAndSaysSoWhenNoKafkaIsConfigured() {
        assertThat(service.get("/admin/publishing", as(TestTokens.merchant())).statusCode()).isEqualTo(403);
        HttpResponse<String> off = service.get("/admin/publishing", as(TestTokens.admin()));
        assertThat(off.statusCode()).isEqualTo(409);
        assertThat(json(off).get("detail").asText()).contains("EMPORIUM_KAFKA_BOOTSTRAP_SERVERS");
        assertThat(json(service.get("/actuator/health", as(TestTokens.admin()))).path("components").has("publishing")).isFalse();
    }

    @Test
    void browsersOfConfiguredOriginsMayCallAndNoOtherOrigin() {
        HttpResponse<String> allowed = service.call("OPTIONS", "/api/orders", "Origin", "https://shop.example",
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization,content-type,idempotency-key");
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://shop.example");
        HttpResponse<String> other = service.call("OPTIONS", "/api/orders", "Origin", "https://evil.example",
                "Access-Control-Request-Method", "POST");
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void theApiDocumentationHasABearerSchemeAndTheRoleOfEachOperation() {
        var api = json(service.get("/v3/api-docs", "Authorization", ""));
        assertThat(api.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
        assertThat(api.at("/paths/~1api~1orders/post/description").asText()).startsWith("Role: customer.");
        assertThat(api.at("/paths/~1api~1orders~1{orderId}~1ship/post/description").asText()).startsWith("Role: merchant.");
        assertThat(api.at("/paths/~1api~1products/post/security/0/bearer").isArray()).isTrue();
    }
}
