package io.emporium.query.it;

import static io.emporium.query.it.QueryService.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.emporium.api.Money;
import io.emporium.api.product.CatalogueDetails;
import io.emporium.api.product.ProductCreatedEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What an older version left behind: events in their old shape, read through the upcasters (the products they make
 * are shown and found), and documents indexed before collapse keys existed (no collapsing until a rebuild).
 */
class EventsStoredBeforeIT {

    private static QueryService service;

    @BeforeAll
    static void start() {
        service = QueryService.startOnFreshStore();
    }

    @AfterAll
    static void stop() {
        if (service != null) service.close();
    }

    @Test
    void aProductStoredBeforeTheCatalogueFieldsIsProjectedAndSearchedAsBefore() {
        String id = "old-1";
        // the walking skeleton's creation (no revision, price and currency apart) and a details change of before brands
        service.events().appendStored("Product", id, "io.emporium.api.product.ProductCreatedEvent", null, "{\"productId\":\"" + id + "\","
                + "\"sku\":\"OLD-1\",\"name\":\"Heirloom Quill\",\"description\":\"\",\"category\":\"office\",\"price\":7.50,"
                + "\"currency\":\"EUR\",\"initialStock\":4}");
        long version = service.events().appendStored("Product", id, "io.emporium.api.product.ProductDetailsUpdatedEvent", null,
                "{\"productId\":\"" + id + "\",\"name\":\"Heirloom Quills\",\"description\":\"for letters\",\"category\":\"office\"}");
        service.awaitProducts(Map.of(id, version), Duration.ofSeconds(30));
        service.refresh();

        JsonNode product = json(service.get("/api/products/" + id));
        assertThat(product.get("name").asText()).isEqualTo("Heirloom Quills");
        assertThat(product.get("price").decimalValue()).isEqualByComparingTo("7.50");
        assertThat(product.get("brand").isNull()).isTrue();
        assertThat(product.get("attributes")).isEmpty();
        JsonNode found = json(service.get("/api/products/search?q=quill&category=office"));
        assertThat(found.get("items")).extracting(item -> item.get("productId").asText()).containsExactly(id);
        assertThat(found.get("facets").get("categories").get(0).get("depth").asInt()).as("one word: a path of one level").isEqualTo(1);
    }

    @Test
    void variantsAreCollapsedOnlyOnceEveryDocumentHasACollapseKeyWhichARebuildGivesThem() {
        Map<String, Long> created = new java.util.HashMap<>();
        for (String colour : java.util.List.of("red", "blue")) {
            String id = "lamp-" + colour;
            created.put(id, service.events().product(id, new ProductCreatedEvent(id, "SKU-" + id, "Arc Lamp " + colour, "", "home",
                    new Money(new BigDecimal("30.00"), "EUR"), 2, new CatalogueDetails(null, "arc-lamp", java.util.List.of(), java.util.List.of()))));
        }
        service.awaitProducts(created, Duration.ofSeconds(30));
        // a document as a version before collapse keys indexed it: without groupKey (Elasticsearch would put every such
        // document into one group)
        QueryService.elasticsearch("PUT", service.indexPrefix + "products/_doc/legacy-1?refresh=true", "{\"productId\":\"legacy-1\","
                + "\"sku\":\"LEGACY-1\",\"name\":\"Arc Lamp legacy\",\"description\":\"\",\"category\":\"home\",\"price\":30.0,"
                + "\"currency\":\"EUR\",\"onHand\":1,\"reserved\":0,\"available\":1,\"inStock\":true,\"status\":\"ACTIVE\",\"version\":0}");
        service.refresh();

        assertThat(json(service.get("/api/products/search?q=arc+lamp")).get("items")).as("not collapsed yet").hasSize(3);

        assertThat(service.asAdmin("POST", "/admin/projections/products/rebuild").statusCode()).isEqualTo(202);
        await("the rebuild").atMost(Duration.ofSeconds(120)).until(() -> service.projection("products").get("generation").asInt() == 2);
        // the new generation is built from the events alone: every document has its key
        await("collapsed").atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode items = json(service.get("/api/products/search?q=arc+lamp")).get("items");
            assertThat(items).hasSize(1);
            assertThat(items.get(0).get("variants")).extracting(v -> v.get("productId").asText()).containsExactlyInAnyOrder("lamp-red", "lamp-blue");
        });
    }
}
