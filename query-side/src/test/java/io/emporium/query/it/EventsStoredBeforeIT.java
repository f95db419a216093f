package io.emporium.query.it;

import static io.emporium.query.it.QueryService.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Events as older versions stored them, read through the upcasters: the products they make are shown and found. */
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
}
