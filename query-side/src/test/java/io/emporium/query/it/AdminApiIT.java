package io.emporium.query.it;

import static org.awaitility.Awaitility.await;
import static io.emporium.query.it.QueryService.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emporium.api.Money;
import io.emporium.api.product.CatalogueDetails;
import io.emporium.api.product.ProductCreatedEvent;
import io.emporium.api.product.StockAddedEvent;
import io.emporium.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Dead letters (a poisoned product does not hold up the others; retry and evict), the audit log, and who may do what. */
class AdminApiIT {

    private static QueryService service;
    private static EventLog events;

    @BeforeAll
    static void start() {
        // no command service answers there: what the console shows of it is 503
        service = QueryService.startOnFreshStore("emporium.checkout.command-url=http://127.0.0.1:9");
        events = service.events();
        for (int i = 1; i <= 5; i++) {
            String id = "product-" + i;
            events.product(id, new ProductCreatedEvent(id, "SKU-" + i, "Product " + i, "", "test", new Money(BigDecimal.TEN, "EUR"), 1, CatalogueDetails.NONE));
        }
        service.awaitProducts(Map.of("product-1", 0L, "product-2", 0L, "product-3", 0L, "product-4", 0L, "product-5", 0L),
                Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        if (service != null) service.close();
    }

    @Test
    void aFailingEventIsDeadLetteredWhileTheOthersFlowAndARetryAfterTheFixEmptiesTheQueue() throws Exception {
        String original = document("product-2");
        corrupt("product-2", original);

        for (int i = 1; i <= 5; i++) {
            String id = "product-" + i;
            events.product(id, new StockAddedEvent(id, 4, 5, 0));
        }
        service.awaitProducts(Map.of("product-1", 1L, "product-3", 1L, "product-4", 1L, "product-5", 1L), Duration.ofSeconds(30));
        List<JsonNode> letters = awaitDeadLetters(1);
        assertThat(letters.get(0).get("aggregateId").asText()).isEqualTo("product-2");
        assertThat(letters.get(0).get("eventType").asText()).isEqualTo("StockAddedEvent");
        assertThat(letters.get(0).get("causeType").asText()).isNotBlank();

        // the poisoned product's later events wait behind it; other products keep flowing
        events.product("product-2", new StockAddedEvent("product-2", 2, 7, 0));
        events.product("product-1", new StockAddedEvent("product-1", 2, 7, 0));
        service.awaitProducts(Map.of("product-1", 2L), Duration.ofSeconds(30));
        awaitDeadLetters(2);

        restore("product-2", original);
        HttpResponse<String> retried = service.asAdmin("POST", "/admin/projections/products/dead-letters/retry");
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
        assertThat(json(retried).get("remaining").asLong()).isZero();
        assertThat(json(service.asAdmin("GET", "/admin/projections/products/dead-letters")).get("items")).isEmpty();
        JsonNode healed = json(service.get("/api/products/product-2"));
        assertThat(healed.get("version").asLong()).isEqualTo(2);
        assertThat(healed.get("onHand").asLong()).isEqualTo(7);
    }

    @Test
    void aDocumentElasticsearchRefusesDeadLettersItsEventsWhileTheRestOfTheBatchIsWritten() {
        Money price = new Money(BigDecimal.TEN, "EUR");
        // stored before the command API refused such input: a category longer than a keyword can hold (32 KB)
        events.product("product-poison", new ProductCreatedEvent("product-poison", "SKU-P", "Poison", "", "x".repeat(40_000), price, 1, CatalogueDetails.NONE));
        events.product("product-after", new ProductCreatedEvent("product-after", "SKU-A", "Afterwards Lantern", "", "test", price, 1, CatalogueDetails.NONE));
        events.product("product-poison", new StockAddedEvent("product-poison", 1, 2, 0));

        service.awaitProducts(Map.of("product-after", 0L), Duration.ofSeconds(30));
        awaitDeadLettersOf("product-poison", 2); // its later event waits behind it
        assertThat(lettersOf("product-poison").get(0).get("causeMessage").asText()).contains("refused");
        assertThat(service.get("/api/products/product-poison").statusCode()).isEqualTo(404);
        service.refresh();
        JsonNode found = json(service.get("/api/products/search?q=" + QueryService.encode("afterwards lantern")));
        assertThat(found.get("items").get(0).get("productId").asText()).isEqualTo("product-after");

        // a control character (Elasticsearch refuses U+001F in a completion field) is dropped, and the product projects
        events.product("product-ctrl", new ProductCreatedEvent("product-ctrl", "SKU-C", "Mu\u001fg", "", "test", price, 1, CatalogueDetails.NONE));
        service.awaitProducts(Map.of("product-ctrl", 0L), Duration.ofSeconds(30));
        assertThat(json(service.get("/api/products/product-ctrl")).get("name").asText()).isEqualTo("Mug");
        assertThat(lettersOf("product-ctrl")).isEmpty();

        // health and metrics tell: the projection holds dead letters
        assertThat(json(service.get("/actuator/health")).has("components")).as("details for admins only").isFalse();
        JsonNode health = json(service.asAdmin("GET", "/actuator/health"));
        assertThat(health.get("status").asText()).isEqualTo("DEGRADED");
        JsonNode products = health.at("/components/projections/details/products");
        assertThat(products.get("state").asText()).isEqualTo("stalled");
        assertThat(products.get("deadLetters").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(service.asAdmin("GET", "/actuator/prometheus").body())
                .containsPattern("emporium_projection_dead_letters\\{projection=\"products\"\\} [1-9]")
                .containsPattern("emporium_projection_stalled\\{projection=\"products\"\\} 1");

        // the listing is paged
        JsonNode first = json(service.asAdmin("GET", "/admin/projections/products/dead-letters?page=0&size=1"));
        JsonNode second = json(service.asAdmin("GET", "/admin/projections/products/dead-letters?page=1&size=1"));
        assertThat(first.get("total").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(first.get("items")).hasSize(1);
        assertThat(second.get("items")).hasSize(1);
        assertThat(second.get("items").get(0).get("eventId")).isNotEqualTo(first.get("items").get(0).get("eventId"));
        assertThat(service.asAdmin("GET", "/admin/projections/products/dead-letters?size=101").statusCode()).isEqualTo(400);

        service.asAdmin("DELETE", "/admin/projections/products/dead-letters?sequence=product-poison");
        assertThat(json(service.asAdmin("GET", "/actuator/health")).at("/components/projections/details/products/deadLetters").asLong()).isZero();
    }

    @Test
    void deadLettersCanBeEvictedBySequence() throws Exception {
        String original = document("product-4");
        corrupt("product-4", original);
        events.product("product-4", new StockAddedEvent("product-4", 1, 99, 0));
        awaitDeadLettersOf("product-4", 1);

        HttpResponse<String> evicted = service.asAdmin("DELETE", "/admin/projections/products/dead-letters?sequence=product-4");
        assertThat(json(evicted).get("evicted").asLong()).isEqualTo(1);
        assertThat(lettersOf("product-4")).isEmpty();
        restore("product-4", original);
    }

    @Test
    void everyAdminEndpointNeedsTheAdminRole() {
        List<String[]> endpoints = List.of(
                new String[]{"GET", "/admin/projections"},
                new String[]{"POST", "/admin/projections/orders/rebuild"},
                new String[]{"DELETE", "/admin/projections/orders/rebuild"},
                new String[]{"GET", "/admin/projections/orders/dead-letters"},
                new String[]{"POST", "/admin/projections/orders/dead-letters/retry"},
                new String[]{"DELETE", "/admin/projections/orders/dead-letters"},
                new String[]{"GET", "/admin/audit"});
        // made once: a key pair takes a while to make
        String forgedAdmin = TestTokens.signedByStranger(TestTokens.claims("admin-1", List.of("admin"), Duration.ofHours(1)));
        for (String[] endpoint : endpoints) {
            String call = endpoint[0] + " " + endpoint[1];
            HttpResponse<String> anonymous = service.send(endpoint[0], endpoint[1], null);
            assertThat(anonymous.statusCode()).as("anonymous " + call).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(service.send(endpoint[0], endpoint[1], TestTokens.merchant()).statusCode()).as("merchant " + call).isEqualTo(403);
            assertThat(service.send(endpoint[0], endpoint[1], forgedAdmin).statusCode()).as("forged admin " + call).isEqualTo(401);
            if (call.equals("DELETE /admin/projections/orders/rebuild")) {
                // a rebuild to cancel: one of a few events may end before the cancel arrives (409), so start one again
                await("an admin cancelling a running rebuild").atMost(Duration.ofSeconds(30)).until(() -> {
                    service.asAdmin("POST", endpoint[1]);
                    return service.asAdmin(endpoint[0], endpoint[1]).statusCode();
                }, status -> status >= 200 && status < 300);
                continue;
            }
            assertThat(service.asAdmin(endpoint[0], endpoint[1]).statusCode()).as("admin " + call).isBetween(200, 299);
        }
        assertThat(service.asAdmin("POST", "/admin/projections/nothing/rebuild").statusCode()).isEqualTo(404);
        assertThat(service.asAdmin("DELETE", "/admin/projections/orders/rebuild").statusCode()).as("no rebuild runs").isEqualTo(409);
    }

    @Test
    void theCommandServiceViewsAreForAdminsAndSay503WhileItDoesNotAnswer() {
        for (String path : List.of("/admin/command/publishing", "/admin/command/webhooks",
                "/admin/command/webhooks/" + java.util.UUID.randomUUID() + "/deliveries")) {
            assertThat(service.send("GET", path, null).statusCode()).as("anonymous " + path).isEqualTo(401);
            assertThat(service.send("GET", path, TestTokens.merchant()).statusCode()).as("merchant " + path).isEqualTo(403);
            HttpResponse<String> away = service.asAdmin("GET", path);
            assertThat(away.statusCode()).as(path + ": " + away.body()).isEqualTo(503);
            assertThat(away.headers().firstValue("Retry-After")).isPresent();
            assertThat(json(away).path("detail").asText()).contains("The command service did not answer");
        }
    }

    @Test
    void adminActionsAreAudited() {
        service.asAdmin("POST", "/admin/projections/orders/dead-letters/retry");
        JsonNode latest = json(service.asAdmin("GET", "/admin/audit?limit=1")).get(0);
        assertThat(latest.get("principal").asText()).isEqualTo("admin-1");
        assertThat(latest.get("action").asText()).isEqualTo("retry-dead-letters");
        assertThat(latest.get("target").asText()).isEqualTo("orders");
        assertThat(latest.get("outcome").asText()).isEqualTo("done");
        assertThat(latest.get("at").asText()).isNotBlank();
    }

    private static List<JsonNode> awaitDeadLetters(int count) {
        return await(count + " dead letters of product-2").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> lettersOf("product-2"), letters -> letters.size() >= count);
    }

    private static void awaitDeadLettersOf(String product, int count) {
        await(count + " dead letters of " + product).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> lettersOf(product).size() >= count);
    }

    private static List<JsonNode> lettersOf(String product) {
        List<JsonNode> letters = new java.util.ArrayList<>();
        json(service.asAdmin("GET", "/admin/projections/products/dead-letters?size=100")).get("items")
                .forEach(l -> { if (l.get("aggregateId").asText().equals(product)) letters.add(l); });
        return letters;
    }

    /** What is in the live index for a product, as Elasticsearch holds it. */
    private static String document(String id) throws Exception {
        return json(QueryService.elasticsearch("GET", service.indexPrefix + "products/_doc/" + id, null)).get("_source").toString();
    }

    /** A document the projection cannot read back: a field version that is not a number. */
    private static void corrupt(String id, String original) throws Exception {
        ObjectNode broken = (ObjectNode) QueryService.JSON.readTree(original);
        ((ObjectNode) broken.get("fieldVersions")).put("stock", "broken");
        write(id, broken.toString());
    }

    private static void restore(String id, String original) throws Exception {
        write(id, original);
    }

    private static void write(String id, String source) throws Exception {
        HttpResponse<String> written = QueryService.elasticsearch("PUT", service.indexPrefix + "products/_doc/" + id, source);
        assertThat(written.statusCode()).as(written.body()).isBetween(200, 201);
    }

}
