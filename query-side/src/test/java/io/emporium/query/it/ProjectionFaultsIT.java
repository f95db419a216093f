package io.emporium.query.it;

import static org.awaitility.Awaitility.await;
import static io.emporium.query.it.QueryService.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import io.emporium.api.Money;
import io.emporium.api.product.CatalogueDetails;
import io.emporium.api.product.ProductCreatedEvent;
import io.emporium.query.elasticsearch.ProjectionIndices;
import io.emporium.testsupport.CuttableProxy;
import io.emporium.testsupport.TestDatabase;
import io.emporium.testsupport.TestServices;
import org.junit.jupiter.api.Test;

/** What the read model does when its stores are lost, replaced or away. */
class ProjectionFaultsIT {

    private static final Money PRICE = new Money(BigDecimal.TEN, "EUR");

    @Test
    void aWipedEventStoreNeverServesAnIndexLeftOverFromBeforeAndALostLiveIndexIsProjectedAgain() {
        String prefix = TestServices.newIndexPrefix();
        TestDatabase before = QueryService.databaseWithEventStore();
        EventLog oldEvents = new EventLog(before);
        try (QueryService first = QueryService.start(before, prefix)) {
            for (int i = 0; i < 5; i++) oldEvents.product("old-" + i, created("old-" + i, "Vanished Vase " + i));
            first.awaitProducts(Map.of("old-4", 0L), Duration.ofSeconds(30));
        }

        // the event store is replaced (restored from an older backup, or wiped): same indices, new database
        TestDatabase after = QueryService.databaseWithEventStore();
        EventLog events = new EventLog(after);
        try (QueryService second = QueryService.start(after, prefix)) {
            events.product("new-1", created("new-1", "Fresh Fern"));
            second.awaitProducts(Map.of("new-1", 0L), Duration.ofSeconds(30));
            second.refresh();
            assertThat(json(second.get("/api/products/search?q=vase")).get("total").asLong()).as("left-over products served").isZero();
            assertThat(json(second.get("/api/products/search")).get("total").asLong()).isEqualTo(1);
            assertThat(second.projection("products").get("generation").asInt()).as("generation after the wipe").isEqualTo(2);

            // an instance acting on an older state cannot move the alias back
            assertThat(second.bean(ProjectionIndices.class).pointAlias("products", 1)).isFalse();
            assertThat(second.bean(ProjectionIndices.class).aliasTarget("products")).hasValue(prefix + "products_v2");

            // the live index disappears at run time: projected again into a new generation, without a restart
            QueryService.elasticsearch("DELETE", prefix + "products_v2", null);
            await("the products are searchable again").atMost(Duration.ofSeconds(30)).until(() -> {
                HttpResponse<String> found = second.get("/api/products/search?q=fern");
                return found.statusCode() == 200 && json(found).get("total").asLong() == 1;
            });
            assertThat(second.projection("products").get("generation").asInt()).isEqualTo(3);
        }
    }

    @Test
    void theServiceStartsWithoutElasticsearchAnswers503AndCatchesUpWhenItComes() throws Exception {
        URI elasticsearch = URI.create(TestServices.elasticsearchUrl());
        TestDatabase database = QueryService.databaseWithEventStore();
        EventLog events = new EventLog(database);
        events.product("waiting", created("waiting", "Patient Pot"));
        try (CuttableProxy proxy = new CuttableProxy(elasticsearch.getHost(), elasticsearch.getPort())) {
            proxy.cut();
            try (QueryService service = QueryService.start(database, TestServices.newIndexPrefix(),
                    "spring.elasticsearch.uris=" + TestServices.elasticsearchUrlVia(proxy.port()))) {
                HttpResponse<String> search = service.get("/api/products/search?q=pot");
                assertThat(search.statusCode()).as(search.body()).isEqualTo(503);
                assertThat(search.headers().firstValue("Retry-After")).isPresent();
                assertThat(json(service.get("/actuator/health")).get("status").asText()).isEqualTo("DOWN");
                assertThat(json(service.get("/actuator/health/readiness")).get("status").asText()).isEqualTo("UP");

                proxy.restore();
                service.awaitProducts(Map.of("waiting", 0L), Duration.ofSeconds(60));
                await("the product is searchable").atMost(Duration.ofSeconds(30)).until(() -> {
                    HttpResponse<String> found = service.get("/api/products/search?q=pot");
                    return found.statusCode() == 200 && json(found).get("total").asLong() == 1;
                });
            }
        }
    }

    private static ProductCreatedEvent created(String id, String name) {
        return new ProductCreatedEvent(id, "SKU-" + id, name, "", "test", PRICE, 1, CatalogueDetails.NONE);
    }
}
