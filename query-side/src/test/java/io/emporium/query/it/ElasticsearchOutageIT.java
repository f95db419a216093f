package io.emporium.query.it;

import static org.awaitility.Awaitility.await;
import static io.emporium.query.it.QueryService.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.emporium.api.Money;
import io.emporium.api.product.CatalogueDetails;
import io.emporium.api.product.ProductCreatedEvent;
import io.emporium.api.product.ProductPriceChangedEvent;
import io.emporium.testsupport.CuttableProxy;
import io.emporium.testsupport.TestDatabase;
import io.emporium.testsupport.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Elasticsearch goes away while events keep coming, then comes back: nothing is lost, the projection catches up. */
class ElasticsearchOutageIT {

    private static CuttableProxy proxy;
    private static QueryService service;
    private static EventLog events;

    @BeforeAll
    static void start() throws Exception {
        URI elasticsearch = URI.create(TestServices.elasticsearchUrl());
        proxy = new CuttableProxy(elasticsearch.getHost(), elasticsearch.getPort());
        TestDatabase database = QueryService.databaseWithEventStore();
        events = new EventLog(database);
        service = QueryService.start(database, TestServices.newIndexPrefix(),
                "spring.elasticsearch.uris=" + TestServices.elasticsearchUrlVia(proxy.port()), "emporium.read-your-writes.max-wait=200ms");
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) service.close();
        if (proxy != null) proxy.close();
    }

    @Test
    void eventsThatArriveWhileElasticsearchIsAwayAreProjectedWhenItComesBack() throws Exception {
        Map<String, Long> versions = new HashMap<>();
        for (int i = 0; i < 20; i++) create(versions, "before-" + i);
        service.awaitProducts(versions, Duration.ofSeconds(30));

        proxy.cut();
        for (int i = 0; i < 20; i++) create(versions, "during-" + i);
        for (int i = 0; i < 10; i++) {
            String id = "before-" + i;
            versions.put(id, events.product(id, new ProductPriceChangedEvent(id, new Money(new BigDecimal("99.00"), "EUR"))));
        }
        // the processor fails its batches meanwhile (and retries them with back-off): for two seconds on end, none of the
        // thirty new events gets past it
        await("the products processor held up by the outage").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200)).until(() -> service.projection("products").get("lag").asLong() >= 30);
        assertThat(service.get("/api/products/during-0").statusCode()).as("reads fail while Elasticsearch is away").isEqualTo(503);

        proxy.restore();
        service.awaitProducts(versions, Duration.ofSeconds(120));

        assertThat(json(service.get("/api/products/before-3")).get("price").decimalValue()).isEqualByComparingTo("99.00");
        assertThat(json(service.get("/api/products/during-19")).get("name").asText()).isEqualTo("Product during-19");
    }

    private static void create(Map<String, Long> versions, String id) {
        versions.put(id, events.product(id, new ProductCreatedEvent(id, "SKU-" + id, "Product " + id, "", "test",
                new Money(new BigDecimal("10.00"), "EUR"), 5, CatalogueDetails.NONE)));
    }
}
