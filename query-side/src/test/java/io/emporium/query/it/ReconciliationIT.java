package io.emporium.query.it;

import static io.emporium.query.it.QueryService.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emporium.api.Money;
import io.emporium.api.order.OrderConfirmedEvent;
import io.emporium.api.order.OrderLine;
import io.emporium.api.order.OrderPlacedEvent;
import io.emporium.api.order.PricedOrderLine;
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
            events.product(id, new ProductCreatedEvent(id, "SKU-" + i, "Product " + i, "", "test", PRICE, 10));
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
        put("product-2", changed, changed.get("version").asLong());
        ObjectNode older = (ObjectNode) source("product-3"); // as if its last event had never been projected
        older.put("version", 0);
        older.put("onHand", 10);
        ((ObjectNode) older.get("fieldVersions")).put("stock", 0);
        put("product-3", older, 1);
        ObjectNode invented = (ObjectNode) source("product-4");
        invented.put("productId", "no-such-product");
        put("no-such-product", invented, 1);

        Thread.sleep(1_500); // Elasticsearch forgets the deleted document's version at a refresh a moment later

        JsonNode found = verify(false);
        assertThat(found.get("missing").asLong()).isEqualTo(1);
        assertThat(found.get("wrong").asLong()).isEqualTo(1);
        assertThat(found.get("stale").asLong()).isEqualTo(1);
        assertThat(found.get("extra").asLong()).isEqualTo(1);
        assertThat(found.get("firstDifferences").toString())
                .contains("product-1").contains("product-2").contains("product-3").contains("no-such-product");
        assertThat(service.asAdmin("GET", "/actuator/prometheus").body())
                .contains("emporium_projection_drift{projection=\"products\"} 4.0");

        JsonNode repaired = verify(true);
        assertThat(repaired.get("remainingAfterRepair").asLong()).isZero();
        assertThat(verify(false).get("extra").asLong()).isZero();
        assertThat(json(service.get("/api/products/product-1")).get("onHand").asLong()).isEqualTo(15);
        assertThat(json(service.get("/api/products/product-2")).get("onHand").asLong()).isEqualTo(15);
        assertThat(json(service.get("/api/products/product-3")).get("version").asLong()).isEqualTo(1);
        assertThat(service.get("/api/products/no-such-product").statusCode()).isEqualTo(404);

        JsonNode status = json(service.asAdmin("GET", "/admin/projections/products/verify"));
        assertThat(status.get("last").get("aggregatesChecked").asLong()).isEqualTo(30);
        assertThat(service.asAdmin("GET", "/admin/audit").body()).contains("verify-repair");
        assertThat(service.asAdmin("GET", "/actuator/prometheus").body())
                .contains("emporium_projection_repaired_total{projection=\"products\"} 4.0");
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

    private static void put(String id, JsonNode source, long version) {
        HttpResponse<String> written = QueryService.elasticsearch("PUT", service.indexPrefix + "products/_doc/" + id
                + "?refresh=true&version_type=external_gte&version=" + version, source.toString());
        assertThat(written.statusCode()).as(written.body()).isBetween(200, 201);
    }
}
