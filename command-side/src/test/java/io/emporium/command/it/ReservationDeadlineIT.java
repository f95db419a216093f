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
 * is due, the next instance fires it, and the order is rejected instead of staying pending for good. The command
 * that decides an order removes its deadline, also when that deadline is being fired at that moment elsewhere.
 */
class ReservationDeadlineIT {

    private static final String[] FAST_DEADLINES = {"emporium.orders.reservation-timeout=3s", "db-scheduler.polling-interval=200ms"};

    @Test
    void aDecidedOrderLeavesNoDeadlineBehind() {
        TestDatabase database = TestServices.newDatabase();
        try (CommandService service = CommandService.start(database, "emporium.orders.reservation-timeout=60s")) {
            String product = service.createProduct("DEADLINE-DECIDED", 5);
            String confirmed = placeOrder(service, "c-1", product);
            String cancelled = placeOrder(service, CommandService.CUSTOMER, product);
            assertThat(service.post("/api/orders/" + cancelled + "/cancel", "{\"reason\":\"changed my mind\"}").statusCode()).isLessThan(300);
            await("both orders decided").atMost(Duration.ofSeconds(20)).until(
                    () -> outcomes(service, confirmed).size() == 1 && !service.events(cancelled).stream()
                            .filter(e -> e.get("@type").asText().equals("OrderCancelledEvent")).toList().isEmpty());
            assertThat(outcomes(service, confirmed)).singleElement()
                    .satisfies(event -> assertThat(event.get("@type").asText()).isEqualTo("OrderConfirmedEvent"));
            // due in a minute: only the removal can have taken them
            assertThat(database.queryLong("SELECT count(*) FROM command.scheduled_tasks")).as("deadlines left").isZero();
        }
    }

    @Test
    void aDeadlinePickedByAnotherInstanceAsTheOrderIsDecidedStaysHarmless() throws Exception {
        TestDatabase database = TestServices.newDatabase();
        try (CommandService service = CommandService.start(database, "emporium.orders.reservation-timeout=60s");
             Connection blocker = database.connect()) {
            String product = service.createProduct("DEADLINE-PICKED", 5);
            blocker.setAutoCommit(false);
            service.holdNextEventOf(blocker, product);
            String orderId = placeOrder(service, "c-1", product);
            await("the order's deadline is stored").atMost(Duration.ofSeconds(20)).until(
                    () -> database.queryLong("SELECT count(*) FROM command.scheduled_tasks") == 1);
            // what an instance does when it starts to fire a deadline, and then it dies: its heartbeat stops
            try (Connection other = database.connect()) {
                other.createStatement().executeUpdate("UPDATE command.scheduled_tasks SET picked = true,"
                        + " picked_by = 'another-instance', last_heartbeat = now(), version = version + 1");
            }
            blocker.rollback();
            await("the order is confirmed").atMost(Duration.ofSeconds(30)).until(() -> !outcomes(service, orderId).isEmpty());
            assertThat(database.queryLong("SELECT count(*) FROM command.scheduled_tasks"))
                    .as("a picked deadline is not removed by the decision").isOne();
            // after four missed heartbeats this instance fires it again: it finds the order decided
            await("the dead instance's deadline is fired and gone").atMost(Duration.ofSeconds(40)).until(
                    () -> database.queryLong("SELECT count(*) FROM command.scheduled_tasks") == 0);
            assertThat(outcomes(service, orderId)).singleElement()
                    .satisfies(event -> assertThat(event.get("@type").asText()).isEqualTo("OrderConfirmedEvent"));
        }
    }

    /**
     * Thirty orders over two instances, each held back until just before its 3-second deadline: the decisions and the
     * deadlines (fired by either instance, polling every 200 ms) meet. Every order is decided once, no deadline stays
     * behind, and a rejected order holds no stock.
     */
    @Test
    void decisionsAndDeadlinesRacingOnTwoInstancesDecideEachOrderOnce() throws Exception {
        TestDatabase database = TestServices.newDatabase();
        try (CommandService first = CommandService.start(database, FAST_DEADLINES);
             CommandService second = CommandService.start(database, FAST_DEADLINES);
             Connection blocker = database.connect()) {
            List<String> products = new java.util.ArrayList<>();
            for (int i = 0; i < 30; i++) products.add(first.createProduct("RACE-DEADLINE-" + i, 5));
            blocker.setAutoCommit(false);
            for (String product : products) first.holdNextEventOf(blocker, product);
            long placedAt = System.nanoTime();
            List<String> orders = new java.util.ArrayList<>();
            for (int i = 0; i < products.size(); i++) {
                orders.add(placeOrder(i % 2 == 0 ? first : second, "c-" + i, products.get(i)));
            }
            Thread.sleep(Math.max(0, Duration.ofMillis(2_850).toNanos() - (System.nanoTime() - placedAt)) / 1_000_000);
            blocker.rollback();

            await("every order decided").atMost(Duration.ofSeconds(60)).until(
                    () -> orders.stream().allMatch(order -> !outcomes(first, order).isEmpty()));
            await("no deadline left").atMost(Duration.ofSeconds(30)).until(
                    () -> database.queryLong("SELECT count(*) FROM command.scheduled_tasks") == 0);
            int confirmed = 0;
            for (int i = 0; i < orders.size(); i++) {
                List<JsonNode> outcome = outcomes(first, orders.get(i));
                assertThat(outcome).as("decisions of " + orders.get(i)).hasSize(1);
                if (outcome.get(0).get("@type").asText().equals("OrderConfirmedEvent")) {
                    confirmed++;
                } else {
                    String product = products.get(i), order = orders.get(i);
                    await("the rejected order holds nothing").atMost(Duration.ofSeconds(30)).until(
                            () -> reservedFor(first, product, order) == 0 && settled(first, product, order));
                }
            }
            System.out.printf("deadline race: %d of %d orders confirmed, the others rejected by their deadline%n",
                    confirmed, orders.size());
        }
    }

    private static String placeOrder(CommandService service, String customer, String product) {
        return json(service.post("/api/orders", "{\"customerId\":\"" + customer + "\",\"lines\":[{\"productId\":\""
                + product + "\",\"quantity\":1}]}")).get("orderId").asText();
    }

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
