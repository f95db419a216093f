package io.emporium.query.it;

import static org.awaitility.Awaitility.await;
import static io.emporium.query.it.QueryService.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.emporium.api.Money;
import io.emporium.api.product.CatalogueDetails;
import io.emporium.api.product.ProductCreatedEvent;
import io.emporium.api.product.StockAddedEvent;
import io.emporium.testsupport.TestDatabase;
import io.emporium.testsupport.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An event whose transaction commits after the gap timeout (here 2 s) and after 50 newer events is projected: by the
 * processor while it still looks for the missing global index, or else (Axon drops the gap for good, #4829) by the
 * scheduled reconciliation, which finds the document stale and repairs it. Which of the two depends on when the
 * processor last fetched; either way the document ends up with the event.
 */
class LateCommitIT {

    private static final Money PRICE = new Money(BigDecimal.TEN, "EUR");

    private static TestDatabase database;
    private static QueryService service;
    private static EventLog events;

    @BeforeAll
    static void start() {
        database = QueryService.databaseWithEventStore();
        events = new EventLog(database);
        service = QueryService.start(database, TestServices.newIndexPrefix(),
                "emporium.projections.gap-timeout=2s", "emporium.reconciliation.interval=3s");
    }

    @AfterAll
    static void stop() {
        if (service != null) service.close();
    }

    @Test
    void anEventCommittedAfterTheGapTimeoutAndManyNewerEventsIsProjected() throws Exception {
        events.product("late", new ProductCreatedEvent("late", "SKU-LATE", "Late Lamp", "", "test", PRICE, 1, CatalogueDetails.NONE));
        service.awaitProducts(Map.of("late", 0L), Duration.ofSeconds(30));

        try (Connection slow = database.connect()) {
            slow.setAutoCommit(false);
            long lateVersion = events.productInOpenTransaction(slow, "late", new StockAddedEvent("late", 41, 42, 0));
            Map<String, Long> newer = new HashMap<>();
            for (int i = 0; i < 50; i++) {
                String id = "newer-" + i;
                newer.put(id, events.product(id, new ProductCreatedEvent(id, "SKU-N" + i, "Newer " + i, "", "test", PRICE, 1, CatalogueDetails.NONE)));
            }
            service.awaitProducts(newer, Duration.ofSeconds(30));
            Thread.sleep(4_000); // past the gap timeout: the processor no longer waits for the late event's index
            slow.commit();

            await("the late event is in the product's document").atMost(Duration.ofSeconds(30)).until(
                    () -> json(service.get("/api/products/late")).get("version").asLong() == lateVersion);
        }
        assertThat(json(service.get("/api/products/late")).get("onHand").asLong()).isEqualTo(42);
    }
}
