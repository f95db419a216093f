package io.emporium.query.it;

import static org.awaitility.Awaitility.await;
import static io.emporium.query.it.QueryService.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import io.emporium.api.Money;
import io.emporium.api.product.ProductPriceChangedEvent;
import io.emporium.testsupport.TestDatabase;
import io.emporium.testsupport.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A rebuild of 20,000 events while one client searches ten times a second and another keeps changing products:
 * search never fails, and after the swap the new index holds exactly what the event store says.
 */
class RebuildIT {

    private static final int PRODUCTS = 2_000;
    private static final int EVENTS_PER_PRODUCT = 10;

    private static TestDatabase database;
    private static QueryService service;
    private static EventLog events;

    @BeforeAll
    static void start() {
        database = QueryService.databaseWithEventStore();
        events = new EventLog(database);
        Catalogue.write(events, PRODUCTS, EVENTS_PER_PRODUCT);
        service = QueryService.start(database, TestServices.newIndexPrefix(), "emporium.projections.retired-index-grace-period=2s");
        service.awaitCaughtUp("products", Duration.ofSeconds(180));
    }

    @AfterAll
    static void stop() {
        if (service != null) service.close();
    }

    @Test
    void rebuildsWhileSearchKeepsAnsweringAndCommandsKeepComing() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger searches = new AtomicInteger();
        List<String> failedSearches = new CopyOnWriteArrayList<>();
        Thread searcher = new Thread(() -> {
            while (running.get()) {
                HttpResponse<String> answer = service.get("/api/products/search?q=product&size=5");
                searches.incrementAndGet();
                if (answer.statusCode() != 200 || json(answer).get("total").asLong() == 0) failedSearches.add(answer.statusCode() + " " + answer.body());
                QueryService.sleep(100);
            }
        });
        Map<String, BigDecimal> lastPrice = new ConcurrentHashMap<>();
        Thread commands = new Thread(() -> {
            Random random = new Random(42);
            while (running.get()) {
                String id = Catalogue.id(random.nextInt(100));
                BigDecimal price = BigDecimal.valueOf(1 + random.nextInt(50_000), 2);
                events.product(id, new ProductPriceChangedEvent(id, new Money(price, "EUR")));
                lastPrice.put(id, price);
                QueryService.sleep(50);
            }
        });
        searcher.start();
        commands.start();

        HttpResponse<String> accepted = service.asAdmin("POST", "/admin/projections/products/rebuild");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(service.asAdmin("POST", "/admin/projections/products/rebuild").statusCode()).as("a second rebuild").isEqualTo(409);

        AtomicReference<JsonNode> seen = new AtomicReference<>();
        await("the rebuild to complete").atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(250)).until(() -> {
            JsonNode projection = service.projection("products");
            if (!projection.get("rebuild").isNull()) seen.set(projection.get("rebuild"));
            return projection.get("generation").asInt() == 2;
        });
        JsonNode progress = seen.get();
        QueryService.sleep(1000); // a little more traffic on the new generation
        running.set(false);
        searcher.join();
        commands.join();

        assertThat(progress).as("progress was visible during the rebuild").isNotNull();
        assertThat(progress.get("generation").asInt()).isEqualTo(2);
        assertThat(progress.get("total").asLong()).isGreaterThanOrEqualTo(PRODUCTS * EVENTS_PER_PRODUCT);
        assertThat(progress.get("startedAt").asText()).isNotBlank();
        JsonNode projection = service.projection("products");
        assertThat(projection.get("rebuild").isNull()).isTrue();
        assertThat(projection.get("index").asText()).endsWith("products_v2");
        assertThat(searches.get()).isGreaterThan(10);
        assertThat(failedSearches).as("failed searches").isEmpty();

        service.awaitCaughtUp("products", Duration.ofSeconds(60));
        assertMatchesTheEventStore(lastPrice);
        awaitDeleted(service.indexPrefix + "products_v1", Duration.ofSeconds(15));
    }

    /** Every product's document in the live index has the version and (for those changed during the rebuild) the price the events say. */
    private static void assertMatchesTheEventStore(Map<String, BigDecimal> lastPrice) throws Exception {
        service.refresh();
        Map<String, Long> expected = new HashMap<>();
        try (var c = database.connect(); var s = c.createStatement(); var rs = s.executeQuery(
                "SELECT aggregate_identifier, max(sequence_number) FROM command.domain_event_entry GROUP BY aggregate_identifier")) {
            while (rs.next()) expected.put(rs.getString(1), rs.getLong(2));
        }
        HttpResponse<String> all = TestServices.elasticsearch("GET", service.indexPrefix + "products/_search?size=10000&_source=productId,version,price", null);
        JsonNode hits = json(all).get("hits");
        assertThat(hits.get("total").get("value").asLong()).isEqualTo(PRODUCTS);
        Map<String, Long> actual = new HashMap<>();
        for (JsonNode hit : hits.get("hits")) {
            JsonNode source = hit.get("_source");
            actual.put(source.get("productId").asText(), source.get("version").asLong());
            BigDecimal changed = lastPrice.get(source.get("productId").asText());
            if (changed != null) assertThat(source.get("price").decimalValue()).isEqualByComparingTo(changed);
        }
        assertThat(actual).isEqualTo(expected);
    }

    private static void awaitDeleted(String index, Duration timeout) throws Exception {
        await(index + " deleted after its grace period").atMost(timeout).pollInterval(Duration.ofMillis(500))
                .until(() -> TestServices.elasticsearch("HEAD", index, null).statusCode() == 404);
    }
}
