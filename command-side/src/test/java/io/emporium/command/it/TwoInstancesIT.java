package io.emporium.command.it;

import static org.awaitility.Awaitility.await;
import static io.emporium.command.it.CommandService.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import io.emporium.testsupport.TestDatabase;
import io.emporium.testsupport.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two command services on one database, as two instances in production: Axon's aggregate lock is per JVM, so only
 * the event table's unique key (and retries of the lost race) keep them from overselling.
 */
class TwoInstancesIT {

    private static TestDatabase database;
    private static CommandService first;
    private static CommandService second;

    @BeforeAll
    static void start() {
        database = TestServices.newDatabase();
        first = CommandService.start(database, "emporium.orders.reservation-timeout=60s");
        second = CommandService.start(database, "emporium.orders.reservation-timeout=60s");
    }

    @AfterAll
    static void stop() {
        if (second != null) second.close();
        if (first != null) first.close();
    }

    @Test
    void twoHundredConcurrentOrdersForTenInStockConfirmExactlyTen() throws Exception {
        String product = first.createProduct("SCARCE-200", 10);

        List<Callable<String>> orders = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            CommandService instance = i % 2 == 0 ? first : second;
            String customer = "customer-" + i;
            orders.add(() -> {
                HttpResponse<String> placed = instance.post("/api/orders", "{\"customerId\":\"" + customer
                        + "\",\"lines\":[{\"productId\":\"" + product + "\",\"quantity\":1}]}");
                assertThat(placed.statusCode()).as(placed.body()).isEqualTo(202);
                return json(placed).get("orderId").asText();
            });
        }
        ExecutorService clients = Executors.newFixedThreadPool(16);
        List<String> orderIds = new ArrayList<>();
        for (Future<String> placed : clients.invokeAll(orders)) orderIds.add(placed.get());
        clients.shutdown();

        await("a decision for every order").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(() -> countOutcome("OrderConfirmedEvent") + countOutcome("OrderRejectedEvent") >= 200);
        assertThat(countOutcome("OrderConfirmedEvent")).as("confirmed").isEqualTo(10);
        assertThat(countOutcome("OrderRejectedEvent")).as("rejected").isEqualTo(190);
        assertNeverOversold(product);
    }

    @Test
    void aSkuIsTakenOnceEvenWhenCreatesRace() throws Exception {
        List<Callable<Integer>> creates = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            CommandService instance = i % 2 == 0 ? first : second;
            creates.add(() -> instance.post("/api/products", "{\"sku\":\"RACE-1\",\"name\":\"Racer\",\"description\":\"\","
                    + "\"category\":\"test\",\"price\":1.00,\"initialStock\":1}").statusCode());
        }
        ExecutorService clients = Executors.newFixedThreadPool(20);
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> status : clients.invokeAll(creates)) statuses.add(status.get());
        clients.shutdown();

        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(19);
        assertThat(database.queryLong("SELECT count(*) FROM command.domain_event_entry WHERE payload_type LIKE '%ProductCreatedEvent'"
                + " AND convert_from(payload, 'UTF8') LIKE '%\"RACE-1\"%'")).isEqualTo(1);
    }

    /**
     * Price and stock commands for one product, alternating between the instances, with prices that repeat: an
     * instance deciding on a stale copy of the product would answer "no change" (or a version that is not stored).
     * Every accepted command must be the stored state, and every answered version the product's last stored one.
     */
    @Test
    void alternatingCommandsOnTwoInstancesAreAlwaysDecidedOnTheStoredState() {
        String product = first.createProduct("ALTERNATE-1", 0);
        long expectedOnHand = 0;
        for (int i = 0; i < 200; i++) {
            CommandService instance = i % 2 == 0 ? first : second;
            String price = (i / 2) % 2 == 0 ? "11.00" : "12.00"; // A:11, B:11, A:12, B:12, ...: B repeats A's value
            HttpResponse<String> priced = instance.put("/api/products/" + product + "/price", "{\"price\":" + price + "}");
            assertThat(priced.statusCode()).as(priced.body()).isEqualTo(200);
            assertStored(product, json(priced).get("version").asLong(), "price " + price + " on step " + i);
            assertThat(storedPrice(product)).as("stored price after step " + i).isEqualByComparingTo(price);

            HttpResponse<String> stocked = (i % 2 == 0 ? second : first).post("/api/products/" + product + "/stock", "{\"quantity\":1}");
            assertThat(stocked.statusCode()).as(stocked.body()).isEqualTo(200);
            expectedOnHand++;
            assertStored(product, json(stocked).get("version").asLong(), "stock on step " + i);
            assertThat(database.queryLong("SELECT count(*) FROM command.domain_event_entry WHERE aggregate_identifier = '"
                    + product + "' AND payload_type LIKE '%StockAddedEvent'")).isEqualTo(expectedOnHand);
        }
    }

    /** The answered version is the product's last stored event. */
    private static void assertStored(String product, long version, String what) {
        assertThat(database.queryLong("SELECT max(sequence_number) FROM command.domain_event_entry WHERE aggregate_identifier = '"
                + product + "'")).as("last stored version after " + what).isEqualTo(version);
    }

    private static java.math.BigDecimal storedPrice(String product) {
        List<JsonNode> events = first.events(product);
        for (int i = events.size() - 1; i >= 0; i--) {
            JsonNode price = events.get(i).get("price");
            if (price != null) return price.get("amount").decimalValue();
        }
        throw new AssertionError("no price stored for " + product);
    }

    private static long countOutcome(String type) {
        return database.queryLong("SELECT count(*) FROM command.domain_event_entry WHERE payload_type LIKE '%." + type + "'");
    }

    /** Re-folds the product's events: available stock never dips below zero at any point of its history. */
    private static void assertNeverOversold(String product) {
        long onHand = 0;
        long reserved = 0;
        long reservedEver = 0;
        for (JsonNode event : first.events(product)) {
            switch (event.get("@type").asText()) {
                case "ProductCreatedEvent" -> onHand = event.get("initialStock").asLong();
                case "StockReservedEvent" -> {
                    reserved += event.get("quantity").asLong();
                    reservedEver += event.get("quantity").asLong();
                }
                case "StockReleasedEvent" -> reserved -= event.get("quantity").asLong();
                case "StockShippedEvent" -> {
                    reserved -= event.get("quantity").asLong();
                    onHand -= event.get("quantity").asLong();
                }
                default -> { }
            }
            assertThat(onHand - reserved).as("available after " + event).isGreaterThanOrEqualTo(0);
        }
        assertThat(reservedEver).isEqualTo(10);
    }
}
