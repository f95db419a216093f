package io.emporium.command.it;

import static org.awaitility.Awaitility.await;
import static io.emporium.command.it.CommandService.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.emporium.testsupport.TestDatabase;
import io.emporium.testsupport.TestServices;
import org.junit.jupiter.api.Test;

/**
 * An order's reservation deadline is kept in PostgreSQL with the order: when the instance that set it stops before it
 * is due, the next instance fires it, and the order is rejected instead of staying pending for good.
 */
class ReservationDeadlineIT {

    @Test
    void aDeadlineSetBeforeARestartFiresAfterItAndTheRejectedOrderHoldsNothing() throws Exception {
        TestDatabase database = TestServices.newDatabase();
        CommandService first = CommandService.start(database, "emporium.orders.reservation-timeout=6s");
        try (Connection blocker = database.connect()) {
            String product = first.createProduct("DEADLINE-1", 5);
            // Take the product's next event slot in a transaction that stays open across the restart: the stock
            // reservation cannot be stored, so the order can only end by its deadline.
            blocker.setAutoCommit(false);
            first.holdNextEventOf(blocker, product);
            String orderId = json(first.post("/api/orders", "{\"customerId\":\"c-1\",\"lines\":[{\"productId\":\"" + product
                    + "\",\"quantity\":1}]}")).get("orderId").asText();
            await("the order's deadline is stored").atMost(Duration.ofSeconds(20)).until(
                    () -> database.queryLong("SELECT count(*) FROM command.scheduled_tasks") == 1);
            first.close();
            assertThat(outcomes(first, orderId)).as("before the restart").isEmpty();

            try (CommandService second = CommandService.start(database, "emporium.orders.reservation-timeout=6s")) {
                await("the order is rejected by its deadline").atMost(Duration.ofSeconds(30)).until(() -> !outcomes(second, orderId).isEmpty());
                assertThat(outcomes(second, orderId)).singleElement().satisfies(event -> {
                    assertThat(event.get("@type").asText()).isEqualTo("OrderRejectedEvent");
                    assertThat(event.get("reason").asText()).contains("did not complete within");
                });
                blocker.rollback();
                // whatever the reservation still on its way does now, the rejected order ends up holding nothing
                await("the product holds nothing for the rejected order").atMost(Duration.ofSeconds(40)).until(
                        () -> reservedFor(second, product, orderId) == 0 && settled(second, product, orderId));
                assertThat(database.queryLong("SELECT count(*) FROM command.scheduled_tasks")).as("deadlines left").isZero();
            }
        }
    }

    /** What the product's events hold reserved for the order. */
    private static long reservedFor(CommandService service, String productId, String orderId) {
        long reserved = 0;
        for (JsonNode event : service.events(productId)) {
            if (!event.has("orderId") || !event.get("orderId").asText().equals(orderId)) continue;
            switch (event.get("@type").asText()) {
                case "StockReservedEvent" -> reserved += event.get("quantity").asLong();
                case "StockReleasedEvent", "StockShippedEvent" -> reserved -= event.get("quantity").asLong();
                default -> { }
            }
        }
        return reserved;
    }

    /** The product knows the order's outcome: it released, or refused the late reservation. */
    private static boolean settled(CommandService service, String productId, String orderId) {
        return service.events(productId).stream().anyMatch(event -> event.has("orderId")
                && event.get("orderId").asText().equals(orderId)
                && event.get("@type").asText().matches("StockReleasedEvent|StockReservationRejectedEvent"));
    }


    private static List<JsonNode> outcomes(CommandService service, String orderId) {
        return service.events(orderId).stream()
                .filter(e -> e.get("@type").asText().matches("OrderRejectedEvent|OrderConfirmedEvent"))
                .toList();
    }
}
