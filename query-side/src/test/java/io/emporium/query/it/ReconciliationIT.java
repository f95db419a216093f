package io.emporium.query.it;

import static io.emporium.query.it.QueryService.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emporium.api.Money;
import io.emporium.api.order.OrderCancelledEvent;
import io.emporium.api.order.OrderConfirmedEvent;
import io.emporium.api.order.OrderLine;
import io.emporium.api.order.OrderPlacedEvent;
import io.emporium.api.order.PricedOrderLine;
import io.emporium.api.product.CatalogueDetails;
import io.emporium.api.product.ProductCreatedEvent;
import io.emporium.api.product.StockAddedEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * verify finds every kind of difference between the live index and the event store, and --repair mends exactly
 * those documents.
 */
class ReconciliationIT {

    private static final Money PRICE = new Money(new BigDecimal("12.50"), "EUR");

    private static QueryService service;
    private static EventLog events;

    @BeforeAll
    static void start() {
        service = QueryService.startOnFreshStore("emporium.reconciliation.interval=0");
        events = service.events();
    }

    @AfterAll
    static void stop() {
        if (service != null) service.close();
    }

    @Test
    void findsMissingStaleWrongAndExtraDocumentsAndRepairsThem() throws Exception {
        Map<String, Long> versions = new HashMap<>();
        for (int i = 0; i < 30; i++) {
            String id = "product-" + i;
            events.product(id, new ProductCreatedEvent(id, "SKU-" + i, "Product " + i, "", "test", PRICE, 10, CatalogueDetails.NONE));
            versions.put(id, events.product(id, new StockAddedEvent(id, 5, 15, 0)));
        }
        service.awaitProducts(versions, Duration.ofSeconds(30));
        service.awaitCaughtUp("products", Duration.ofSeconds(30)); // only what the processor has passed is judged
        JsonNode clean = verify(false);
        assertThat(clean.get("missing").asLong() + clean.get("stale").asLong()).isZero();
        assertThat(clean.get("aggregatesChecked").asLong()).isEqualTo(30);
        assertThat(clean.get("wrong").asLong() + clean.get("extra").asLong()).isZero();

        String index = service.indexPrefix + "products";
        // behind the service's back: a document deleted, one changed at the same version, one older, one invented
        QueryService.elasticsearch("DELETE", index + "/_doc/product-1?refresh=true", null);
        ObjectNode changed = (ObjectNode) source("product-2");
        changed.put("onHand", 999);
        put("product-2", changed);
        ObjectNode older = (ObjectNode) source("product-3"); // as if its last event had never been projected
        older.put("version", 0);
        older.put("onHand", 10);
        ((ObjectNode) older.get("fieldVersions")).put("stock", 0);
        put("product-3", older);
        ObjectNode invented = (ObjectNode) source("product-4");
        invented.put("productId", "no-such-product");
        put("no-such-product", invented);
        ObjectNode future = (ObjectNode) source("product-5"); // claims events its aggregate never had
        future.put("version", 7);
        future.put("onHand", 70);
        ((ObjectNode) future.get("fieldVersions")).put("stock", 7);
        put("product-5", future);

        JsonNode found = verify(false);
        assertThat(found.get("missing").asLong()).isEqualTo(1);
        assertThat(found.get("wrong").asLong()).isEqualTo(1);
        assertThat(found.get("stale").asLong()).isEqualTo(1);
        assertThat(found.get("ahead").asLong()).isEqualTo(1);
        assertThat(found.get("extra").asLong()).isEqualTo(1);
        assertThat(found.get("firstDifferences").toString())
                .contains("product-1").contains("product-2").contains("product-3").contains("product-5").contains("no-such-product");
        assertThat(service.asAdmin("GET", "/actuator/prometheus").body())
                .contains("emporium_projection_drift{projection=\"products\"} 5.0");

        JsonNode repaired = verify(true);
        assertThat(repaired.get("remainingAfterRepair").asLong()).isZero();
        assertThat(verify(false).get("extra").asLong()).isZero();
        assertThat(json(service.get("/api/products/product-1")).get("onHand").asLong()).isEqualTo(15);
        assertThat(json(service.get("/api/products/product-2")).get("onHand").asLong()).isEqualTo(15);
        assertThat(json(service.get("/api/products/product-3")).get("version").asLong()).isEqualTo(1);
        assertThat(json(service.get("/api/products/product-5")).get("version").asLong()).isEqualTo(1);
        assertThat(json(service.get("/api/products/product-5")).get("onHand").asLong()).isEqualTo(15);
        assertThat(service.get("/api/products/no-such-product").statusCode()).isEqualTo(404);

        JsonNode status = json(service.asAdmin("GET", "/admin/projections/products/verify"));
        assertThat(status.get("last").get("aggregatesChecked").asLong()).isEqualTo(30);
        assertThat(service.asAdmin("GET", "/admin/audit").body()).contains("verify-repair");
        assertThat(service.asAdmin("GET", "/actuator/prometheus").body())
                .contains("emporium_projection_repaired_total{projection=\"products\"} 5.0");
    }

    /**
     * The way an operator changes documents (Elasticsearch's {@code _update}, twice, which raises the document's
     * {@code _version} past its aggregate's sequence number) and deletes one: verify finds both, the repair mends both,
     * and the changed product's next event is searchable at once; a changed document that is not repaired still takes
     * its next event.
     */
    @Test
    void productsChangedOrDeletedByOthersAreRepairedAndTakeTheirNextEvents() {
        String changed = "tampered-product", deleted = "deleted-product", unrepaired = "updated-product";
        Map<String, Long> versions = new HashMap<>();
        for (String id : List.of(changed, deleted, unrepaired)) {
            events.product(id, new ProductCreatedEvent(id, "SKU-" + id, "Kettle " + id, "", "tampering", PRICE, 10, CatalogueDetails.NONE));
            versions.put(id, events.product(id, new StockAddedEvent(id, 5, 15, 0)));
        }
        service.awaitProducts(versions, Duration.ofSeconds(30));
        service.awaitCaughtUp("products", Duration.ofSeconds(30));
        String index = service.indexPrefix + "products";
        updateTwice(index, changed, "{\"available\":987654,\"onHand\":987654}");
        updateTwice(index, unrepaired, "{\"available\":987654,\"onHand\":987654}");
        assertThat(QueryService.elasticsearch("DELETE", index + "/_doc/" + deleted + "?refresh=true", null).statusCode()).isEqualTo(200);

        // the live path first: the next event of a changed document is applied on top of what it holds now
        events.product(unrepaired, new StockAddedEvent(unrepaired, 1, 16, 0));
        assertSearchShows(unrepaired, 16);

        JsonNode found = verify(false);
        assertThat(found.get("wrong").asLong()).as(found.toString()).isEqualTo(1);
        assertThat(found.get("missing").asLong()).as(found.toString()).isEqualTo(1);
        assertThat(found.get("firstDifferences").toString()).contains(changed).contains(deleted).doesNotContain(unrepaired);
        JsonNode repaired = verify(true);
        assertThat(repaired.get("remainingAfterRepair").asLong()).as(repaired.toString()).isZero();
        assertThat(json(service.get("/api/products/" + changed)).get("available").asLong()).isEqualTo(15);
        assertThat(json(service.get("/api/products/" + deleted)).get("onHand").asLong()).isEqualTo(15);

        events.product(changed, new StockAddedEvent(changed, 2, 17, 0));
        assertSearchShows(changed, 17);
        JsonNode clean = verify(false);
        assertThat(clean.get("wrong").asLong() + clean.get("missing").asLong() + clean.get("stale").asLong()).as(clean.toString()).isZero();
    }

    /** The same for orders: a changed and a deleted order document are repaired, and the changed one takes its next event. */
    @Test
    void ordersChangedOrDeletedByOthersAreRepairedAndTakeTheirNextEvents() {
        String changed = "tampered-order", deleted = "deleted-order";
        Map<String, Long> versions = new HashMap<>();
        for (String id : List.of(changed, deleted)) {
            events.order(id, new OrderPlacedEvent(id, "customer-t", List.of(new OrderLine("product-x", 1))));
            versions.put(id, events.order(id, new OrderConfirmedEvent(id, List.of(new PricedOrderLine("product-x", 1, PRICE)), PRICE)));
        }
        service.awaitOrders(versions, Duration.ofSeconds(30));
        service.awaitCaughtUp("orders", Duration.ofSeconds(30));
        String index = service.indexPrefix + "orders";
        updateTwice(index, changed, "{\"status\":\"SHIPPED\",\"customerId\":\"someone-else\"}");
        assertThat(QueryService.elasticsearch("DELETE", index + "/_doc/" + deleted + "?refresh=true", null).statusCode()).isEqualTo(200);

        JsonNode found = verify("orders", false);
        assertThat(found.get("wrong").asLong()).as(found.toString()).isEqualTo(1);
        assertThat(found.get("missing").asLong()).as(found.toString()).isEqualTo(1);
        JsonNode repaired = verify("orders", true);
        assertThat(repaired.get("remainingAfterRepair").asLong()).as(repaired.toString()).isZero();
        JsonNode order = json(service.getAsMerchant("/api/orders/" + changed));
        assertThat(order.get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(order.get("customerId").asText()).isEqualTo("customer-t");
        assertThat(service.getAsMerchant("/api/orders/" + deleted).statusCode()).isEqualTo(200);

        events.order(changed, new OrderCancelledEvent(changed, "changed their mind", true));
        long started = System.nanoTime();
        await("the cancelled order in the order list").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> json(service.getAsMerchant("/api/orders?customerId=customer-t&status=CANCELLED")).toString().contains(changed));
        log("order list", started);
    }

    private static void updateTwice(String index, String id, String fields) {
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> updated = QueryService.elasticsearch("POST", index + "/_update/" + id + "?refresh=true",
                    "{\"doc\":" + fields + "}");
            assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        }
    }

    /** A search shows the product with this stock within a few seconds (the refresh interval is half a second). */
    private static void assertSearchShows(String id, long onHand) {
        long started = System.nanoTime();
        await(id + " searchable with " + onHand + " on hand").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    for (JsonNode item : json(service.get("/api/products/search?category=tampering&size=100")).get("items")) {
                        if (item.get("productId").asText().equals(id)) return item.get("onHand").asLong() == onHand;
                    }
                    return false;
                });
        log("search of " + id, started);
    }

    private static void log(String what, long startedNanos) {
        System.out.printf("%s showed the next event after %d ms%n", what, (System.nanoTime() - startedNanos) / 1_000_000);
    }

    @Test
    void ordersWithAmountsMatchTheirEvents() {
        String order = "order-with-amounts";
        events.order(order, new OrderPlacedEvent(order, "customer-1", List.of(new OrderLine("product-x", 2))));
        long version = events.order(order, new OrderConfirmedEvent(order, List.of(new PricedOrderLine("product-x", 2, PRICE)),
                new Money(new BigDecimal("25.00"), "EUR")));
        service.awaitOrders(Map.of(order, version), Duration.ofSeconds(30));
        service.awaitCaughtUp("orders", Duration.ofSeconds(30)); // only what the processor has passed is judged

        JsonNode report = verify("orders", false);
        assertThat(report.get("aggregatesChecked").asLong()).isEqualTo(1);
        assertThat(report.get("missing").asLong() + report.get("stale").asLong() + report.get("wrong").asLong()
                + report.get("extra").asLong()).as(report.toString()).isZero();
    }

    private static JsonNode verify(boolean repair) {
        return verify("products", repair);
    }

    private static JsonNode verify(String projection, boolean repair) {
        HttpResponse<String> answer = service.asAdmin("POST", "/admin/projections/" + projection + "/verify?repair=" + repair);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return json(answer);
    }

    private static JsonNode source(String id) throws Exception {
        return json(QueryService.elasticsearch("GET", service.indexPrefix + "products/_doc/" + id, null)).get("_source");
    }

    /** Writes a document the way an operator or a tool would: no version, no condition. */
    private static void put(String id, JsonNode source) {
        HttpResponse<String> written = QueryService.elasticsearch("PUT", service.indexPrefix + "products/_doc/" + id
                + "?refresh=true", source.toString());
        assertThat(written.statusCode()).as(written.body()).isBetween(200, 201);
    }
}
