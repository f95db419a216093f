package io.emporium.command.it;

import static org.awaitility.Awaitility.await;
import static io.emporium.command.it.CommandService.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import io.emporium.support.persistence.TableMaintenance;
import io.emporium.testsupport.TestDatabase;
import io.emporium.testsupport.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The command API over HTTP against real PostgreSQL: what works, and that bad input changes nothing. */
class CommandApiIT {

    private static TestDatabase database;
    private static CommandService service;

    @BeforeAll
    static void start() {
        database = TestServices.newDatabase();
        service = CommandService.start(database, "emporium.orders.reservation-timeout=10s");
    }

    @AfterAll
    static void stop() {
        if (service != null) service.close();
    }

    @Test
    void createsAProductAndAnswersItsVersion() {
        HttpResponse<String> created = service.post("/api/products", product("JACKET-1", 5));

        assertThat(created.statusCode()).isEqualTo(201);
        String productId = json(created).get("productId").asText();
        assertThat(created.headers().firstValue("Location")).hasValue("/api/products/" + productId);
        assertThat(created.headers().firstValue("ETag")).hasValue("\"0\"");
        assertThat(service.events(productId)).extracting(e -> e.get("@type").asText()).containsExactly("ProductCreatedEvent");
    }

    @Test
    void eachProductCommandAnswersTheNextVersion() {
        String id = service.createProduct("EVOLVE-1", 1);

        assertVersion(service.put("/api/products/" + id + "/details", "{\"name\":\"Evolved\",\"description\":\"d\",\"category\":\"c\"}"), 1);
        assertVersion(service.put("/api/products/" + id + "/price", "{\"price\":12.34}"), 2);
        assertVersion(service.post("/api/products/" + id + "/stock", "{\"quantity\":4}", "If-Match", "\"2\""), 3);
        assertVersion(service.post("/api/products/" + id + "/discontinue", ""), 4);
        assertThat(service.events(id)).extracting(e -> e.get("@type").asText()).containsExactly("ProductCreatedEvent",
                "ProductDetailsUpdatedEvent", "ProductPriceChangedEvent", "StockAddedEvent", "ProductDiscontinuedEvent");
    }

    @Test
    void malformedJsonIs400() {
        assertRefused(() -> service.post("/api/products", "{\"sku\": "), 400);
        assertRefused(() -> service.post("/api/products", "{\"sku\":\"A\",\"price\":\"cheap\"}"), 400);
    }

    @Test
    void invalidFieldsAre400WithFieldErrors() {
        HttpResponse<String> response = assertRefused(() -> service.post("/api/products",
                "{\"sku\":\"\",\"name\":\"x\",\"description\":\"\",\"category\":\"c\",\"price\":1.999,\"initialStock\":-1}"), 400);
        assertThat(json(response).get("errors")).extracting(e -> e.get("field").asText())
                .contains("sku", "price", "initialStock");
        assertRefused(() -> service.post("/api/orders", "{\"customerId\":\"c\",\"lines\":[]}"), 400);
        assertRefused(() -> service.post("/api/orders", "{\"customerId\":\"c\",\"lines\":[{\"productId\":\"p\",\"quantity\":1001}]}"), 400);
        assertRefused(() -> service.post("/api/orders",
                "{\"customerId\":\"c\",\"lines\":[{\"productId\":\"p\",\"quantity\":1},{\"productId\":\"p\",\"quantity\":2}]}"), 400);
    }

    @Test
    void controlCharactersInTextAre400WithTheField() {
        HttpResponse<String> refused = assertRefused(() -> service.post("/api/products",
                "{\"sku\":\"CTRL-1\",\"name\":\"Mu\\u001fg\",\"description\":\"two\\nlines\",\"category\":\"test\","
                        + "\"price\":1.00,\"initialStock\":1}"), 400);
        assertThat(json(refused).get("errors").toString()).contains("\"field\":\"name\"").contains("control characters")
                .doesNotContain("\"field\":\"description\"");
    }

    @Test
    void unknownIdIs404() {
        assertRefused(() -> service.put("/api/products/" + UUID.randomUUID() + "/price", "{\"price\":1.00}"), 404);
        assertRefused(() -> service.post("/api/orders/" + UUID.randomUUID() + "/cancel", ""), 404);
    }

    @Test
    void aDiscontinuedProductRefusesAPriceChangeWith409() {
        String id = service.createProduct("GONE-1", 1);
        service.post("/api/products/" + id + "/discontinue", "");
        HttpResponse<String> refused = assertRefused(() -> service.put("/api/products/" + id + "/price", "{\"price\":2.00}"), 409);
        assertThat(json(refused).get("detail").asText()).contains("discontinued");
    }

    @Test
    void aStaleIfMatchIs412() {
        String id = service.createProduct("STALE-1", 1);
        service.post("/api/products/" + id + "/stock", "{\"quantity\":1}");
        assertRefused(() -> service.put("/api/products/" + id + "/price", "{\"price\":2.00}", "If-Match", "\"0\""), 412);
        assertRefused(() -> service.put("/api/products/" + id + "/price", "{\"price\":2.00}", "If-Match", "version-one"), 400);
    }

    @Test
    void aBodyOverTheLimitIs413() {
        String huge = "x".repeat(70 * 1024);
        assertRefused(() -> service.post("/api/products", product("HUGE-1", 1).replace("\"for tests\"", "\"" + huge + "\"")), 413);
    }

    @Test
    void aDuplicateSkuIs409() {
        service.createProduct("TWICE-1", 1);
        assertRefused(() -> service.post("/api/products", product("twice-1", 1)), 409);
    }

    @Test
    void passwordsAreNoLongerAccepted() {
        assertRefused(() -> service.post("/api/products", product("ANON-1", 1), "Authorization", "Basic Y2xpZW50OnNlY3JldA=="), 401);
    }

    @Test
    void aRepeatedPostWithTheSameIdempotencyKeyGetsTheFirstAnswerAndChangesNothing() {
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first = service.post("/api/products", product("IDEM-1", 3), "Idempotency-Key", key);
        long events = service.eventCount();

        HttpResponse<String> again = service.post("/api/products", product("IDEM-1", 3), "Idempotency-Key", key);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(service.eventCount()).isEqualTo(events);
    }

    @Test
    void anIdempotencyKeyReusedWithAnotherBodyIs422() {
        String key = UUID.randomUUID().toString();
        service.post("/api/products", product("IDEM-2", 3), "Idempotency-Key", key);
        assertRefused(() -> service.post("/api/products", product("IDEM-3", 3), "Idempotency-Key", key), 422);
    }

    @Test
    void aProductStoredInTheFirstEventRevisionAndUnderOldEventNamesIsReadThroughTheUpcasters() throws Exception {
        String id = UUID.randomUUID().toString();
        try (Connection c = database.connect(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO command.domain_event_entry (global_index, aggregate_identifier, sequence_number, type, event_identifier,"
                        + " payload_type, payload_revision, payload, meta_data, time_stamp)"
                        + " VALUES (nextval('command.domain_event_entry_global_index_seq'), ?, ?, 'Product', ?,"
                        + " ?, NULL, convert_to(?, 'UTF8'), convert_to('{}', 'UTF8'), ?)")) {
            String[][] history = {
                    {"io.emporium.api.product.ProductCreatedEvent", "{\"productId\":\"" + id + "\",\"sku\":\"OLD-1\",\"name\":\"Old Mug\","
                            + "\"description\":\"\",\"category\":\"kitchen\",\"price\":12.50,\"currency\":\"EUR\",\"initialStock\":40}"},
                    // the stock arrival's name before it was StockAddedEvent
                    {"io.emporium.api.product.ProductStockAddedEvent", "{\"productId\":\"" + id + "\",\"quantity\":5,\"onHand\":45,\"reserved\":0}"}};
            for (int sequence = 0; sequence < history.length; sequence++) {
                insert.setString(1, id);
                insert.setLong(2, sequence);
                insert.setString(3, UUID.randomUUID().toString());
                insert.setString(4, history[sequence][0]);
                insert.setString(5, history[sequence][1]);
                insert.setString(6, Instant.now().toString());
                insert.executeUpdate();
            }
        }

        HttpResponse<String> added = service.post("/api/products/" + id + "/stock", "{\"quantity\":5}");

        assertVersion(added, 2);
        assertThat(service.events(id).get(2).get("onHand").asLong()).isEqualTo(50);
        // and its price, read from the old shape, is what a reservation is priced at
        String order = json(service.post("/api/orders", "{\"customerId\":\"c-1\",\"lines\":[{\"productId\":\"" + id + "\",\"quantity\":2}]}"))
                .get("orderId").asText();
        JsonNode confirmed = awaitEvent(order, "OrderConfirmedEvent");
        assertThat(confirmed.get("total").get("amount").decimalValue()).isEqualByComparingTo("25.00");
        assertThat(confirmed.get("total").get("currency").asText()).isEqualTo("EUR");
    }

    @Test
    void anOrderIsConfirmedWithItsTotalWhenEveryLineIsReserved() {
        String jacket = service.createProduct("ORDER-JACKET", 5);
        String socks = service.createProduct("ORDER-SOCKS", 5);

        HttpResponse<String> placed = service.post("/api/orders", "{\"customerId\":\"c-1\",\"lines\":[{\"productId\":\"" + jacket
                + "\",\"quantity\":2},{\"productId\":\"" + socks + "\",\"quantity\":1}]}");

        assertThat(placed.statusCode()).isEqualTo(202);
        assertThat(json(placed).get("status").asText()).isEqualTo("PENDING");
        String order = json(placed).get("orderId").asText();
        JsonNode confirmed = awaitEvent(order, "OrderConfirmedEvent");
        assertThat(confirmed.get("total").get("amount").decimalValue()).isEqualByComparingTo("30.00");
    }

    @Test
    void anOrderIsRejectedWithAReasonWhenALineCannotBeReserved() {
        String scarce = service.createProduct("ORDER-SCARCE", 1);
        String plenty = service.createProduct("ORDER-PLENTY", 10);

        String order = json(service.post("/api/orders", "{\"customerId\":\"c-1\",\"lines\":[{\"productId\":\"" + plenty
                + "\",\"quantity\":3},{\"productId\":\"" + scarce + "\",\"quantity\":2}]}")).get("orderId").asText();

        JsonNode rejected = awaitEvent(order, "OrderRejectedEvent");
        assertThat(rejected.get("reason").asText()).contains("only 1 available");
        // compensation: what was reserved of the other product is released
        awaitEvents(plenty, events -> events.stream().anyMatch(e -> e.get("@type").asText().equals("StockReleasedEvent")
                && e.get("orderId").asText().equals(order) && e.get("reserved").asLong() == 0));
    }

    @Test
    void cancellingAConfirmedOrderReleasesItsStockAndAShippedOrderCannotBeCancelled() {
        String product = service.createProduct("ORDER-CANCEL", 4);
        String toCancel = placeOne(product, 2);
        awaitEvent(toCancel, "OrderConfirmedEvent");

        HttpResponse<String> cancelled = service.post("/api/orders/" + toCancel + "/cancel", "{\"reason\":\"changed my mind\"}");
        assertVersion(cancelled, 2);
        awaitEvents(product, events -> events.stream().anyMatch(e -> e.get("@type").asText().equals("StockReleasedEvent")
                && e.get("orderId").asText().equals(toCancel) && e.get("quantity").asInt() == 2));

        String toShip = placeOne(product, 1);
        awaitEvent(toShip, "OrderConfirmedEvent");
        assertVersion(service.post("/api/orders/" + toShip + "/ship", ""), 2);
        awaitEvents(product, events -> events.stream().anyMatch(e -> e.get("@type").asText().equals("StockShippedEvent")
                && e.get("onHand").asLong() == 3));
        assertRefused(() -> service.post("/api/orders/" + toShip + "/cancel", ""), 409);
    }

    private String placeOne(String productId, int quantity) {
        return json(service.post("/api/orders", "{\"customerId\":\"c-1\",\"lines\":[{\"productId\":\"" + productId
                + "\",\"quantity\":" + quantity + "}]}")).get("orderId").asText();
    }

    private static JsonNode awaitEvent(String aggregateId, String type) {
        List<JsonNode> events = awaitEvents(aggregateId, list -> list.stream().anyMatch(e -> e.get("@type").asText().equals(type)));
        return events.stream().filter(e -> e.get("@type").asText().equals(type)).findFirst().orElseThrow();
    }

    private static List<JsonNode> awaitEvents(String aggregateId, Predicate<List<JsonNode>> condition) {
        return await("events of " + aggregateId + " to match").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> service.events(aggregateId), condition::test);
    }

    @Test
    void analyzesItsOwnTablesOnceEnoughHasChanged() {
        String lastAnalyze = "SELECT coalesce(extract(epoch FROM last_analyze) * 1000, 0)::bigint FROM pg_stat_user_tables"
                + " WHERE schemaname = 'command' AND relname = 'domain_event_entry'";
        long before = database.queryLong(lastAnalyze);
        for (int i = 0; i < 60; i++) service.createProduct("ANALYZE-" + i, 1);

        // the server's statistics of the inserts arrive within a second or so
        TableMaintenance maintenance = service.bean(TableMaintenance.class);
        await("an analyze of the event table").atMost(Duration.ofSeconds(15)).until(() -> {
            maintenance.maintainOnce();
            return database.queryLong(lastAnalyze) > before;
        });
        assertThat(database.queryLong(lastAnalyze)).as("last analyze of the event table").isGreaterThan(before);
    }

    private static HttpResponse<String> assertRefused(java.util.function.Supplier<HttpResponse<String>> call, int status) {
        long before = service.eventCount();
        HttpResponse<String> response = call.get();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(json(response).get("status").asInt()).isEqualTo(status);
        assertThat(service.eventCount()).as("events stored").isEqualTo(before);
        return response;
    }

    private static void assertVersion(HttpResponse<String> response, long version) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).get("version").asLong()).isEqualTo(version);
        assertThat(response.headers().firstValue("ETag")).hasValue("\"" + version + "\"");
    }

    private static String product(String sku, int stock) {
        return "{\"sku\":\"" + sku + "\",\"name\":\"Product " + sku + "\",\"description\":\"for tests\",\"category\":\"test\","
                + "\"price\":10.00,\"initialStock\":" + stock + "}";
    }
}
