package io.emporium.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emporium.testsupport.ServiceProcess;
import io.emporium.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The command service as a real process, killed with {@code kill -9} at random moments while 16 clients place
 * single-unit orders for three products with 40 in stock each, and started again. Clients do what a careful client
 * does: retry with the same Idempotency-Key until the order is accepted. Afterwards the invariants of
 * docs/ARCHITECTURE.md are checked from the event store (SQL) and from the query side:
 * <ul>
 *   <li>I1: a confirmed order holds exactly its quantity as a reservation; a rejected one holds nothing;</li>
 *   <li>I2: per product, reserved is what its orders hold, no running figure is ever negative, nothing oversold;</li>
 *   <li>I3: no order stayed pending longer than the reservation timeout, the deadline polling interval and a few
 *       seconds while a command service ran;</li>
 *   <li>I4: every accepted order is stored, exactly once.</li>
 * </ul>
 * Sizes: {@code -Demporium.crash.orders} (default 300) and {@code -Demporium.crash.kills} (default 2).
 */
class CrashRecoveryIT {

    private static final ObjectMapper json = new ObjectMapper();
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final int ORDERS = Integer.getInteger("emporium.crash.orders", 300);
    private static final int KILLS = Integer.getInteger("emporium.crash.kills", 2);
    private static final int CLIENTS = 16;
    private static final int PRODUCTS = 3;
    private static final int STOCK = 40;
    // longer than a restart takes here (about 12 s): orders in flight at a kill can still be confirmed after it
    private static final Duration RESERVATION_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration DEADLINE_POLLING = Duration.ofSeconds(1);
    /** "a few seconds": a deadline is retried within a second or two when it loses a race, and a restart takes a moment */
    private static final Duration SLACK = Duration.ofSeconds(10);

    private static Stack stack;
    private static TestDatabase database;
    private static ServiceProcess command;
    private static ServiceProcess query;

    @BeforeAll
    static void startTheStack() throws Exception {
        stack = Stack.start(Map.of(
                "EMPORIUM_ORDER_RESERVATION_TIMEOUT", RESERVATION_TIMEOUT.toSeconds() + "s",
                "EMPORIUM_DEADLINE_POLLING_INTERVAL", DEADLINE_POLLING.toSeconds() + "s",
                "EMPORIUM_IDEMPOTENCY_LEASE", "5s")); // claims of a killed process free up soon
        database = stack.database;
        command = stack.command;
        query = stack.query;
    }

    @AfterAll
    static void stopTheStack() throws Exception {
        if (stack != null) stack.close();
    }

    @Test
    void ordersStayCorrectWhenTheCommandServiceIsKilledDuringABurst() throws Exception {
        List<String> products = new ArrayList<>();
        for (int i = 0; i < PRODUCTS; i++) products.add(createProduct("CRASH-" + i));

        long seed = System.nanoTime();
        Random random = new Random(seed);
        TreeSet<Integer> killPoints = new TreeSet<>();
        while (killPoints.size() < KILLS) killPoints.add(ORDERS * 15 / 100 + random.nextInt(ORDERS * 70 / 100));
        System.out.printf("crash test: %d orders, kills after %s answers (seed %d)%n", ORDERS, killPoints, seed);

        AtomicInteger answered = new AtomicInteger();
        Map<Integer, String> accepted = new ConcurrentHashMap<>();
        List<Instant[]> downtimes = new CopyOnWriteArrayList<>();
        ExecutorService killer = Executors.newSingleThreadExecutor();
        Future<?> kills = killer.submit(() -> {
            for (int point : killPoints) {
                await("answers before the next kill").atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(5))
                        .until(() -> answered.get() >= point);
                Kills.killAndRestart(command, downtimes);
            }
            return null;
        });
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Future<?>> placed = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            int n = i;
            placed.add(clients.submit(() -> {
                accepted.put(n, placeOrderUntilAccepted(run + "-" + n, products.get(n % PRODUCTS)));
                answered.incrementAndGet();
                return null;
            }));
        }
        for (Future<?> order : placed) order.get(5, TimeUnit.MINUTES);
        clients.shutdown();
        kills.get(5, TimeUnit.MINUTES);
        killer.shutdown();
        assertThat(downtimes).as("kills").hasSize(KILLS);

        // I3: every order is decided within the reservation timeout (+ polling, + slack) of running time
        Duration bound = RESERVATION_TIMEOUT.plus(DEADLINE_POLLING).plus(SLACK);
        // the per-order check below holds each order to the bound itself
        Map<String, Order> orders = await("every order decided").atMost(bound).pollInterval(Duration.ofMillis(500))
                .until(CrashRecoveryIT::orders, all -> all.values().stream().allMatch(o -> o.decidedAt != null));
        assertThat(orders.values()).as("orders still pending %s after the last restart", bound)
                .allSatisfy(o -> assertThat(o.decidedAt).as("order " + o.id).isNotNull());
        for (Order order : orders.values()) {
            Duration running = Duration.between(order.placedAt, order.decidedAt)
                    .minus(Kills.downtimeWithin(downtimes, order.placedAt, order.decidedAt));
            assertThat(running).as("order %s pending while a service ran", order.id).isLessThanOrEqualTo(bound);
        }

        // The saga compensates after an order's outcome (a rejected order's stock is released by the saga, a moment
        // after the rejection): I1 and I2 hold once it has handled every event, so wait until it has.
        EventStoreFacts.awaitCaughtUp(database, "OrderFulfilmentSagaProcessor", Duration.ofSeconds(60));

        // I4: every accepted order is stored, exactly once
        assertThat(accepted).hasSize(ORDERS);
        assertThat(orders.keySet()).as("stored orders").containsExactlyInAnyOrderElementsOf(new TreeSet<>(accepted.values()));

        // I1 and I2, from the products' events
        Map<String, Long> expectedReserved = new HashMap<>();
        for (String product : products) {
            EventStoreFacts.Stock stock = EventStoreFacts.foldStock(database, product, 1);
            long confirmed = 0;
            for (Order order : orders.values()) {
                if (!order.product.equals(product)) continue;
                long held = stock.heldByOrder().getOrDefault(order.id, 0L);
                if (order.status.equals("CONFIRMED")) {
                    confirmed++;
                    assertThat(held).as("I1: confirmed order %s holds its quantity", order.id).isEqualTo(1);
                } else {
                    assertThat(held).as("I1: %s order %s holds nothing", order.status, order.id).isZero();
                }
            }
            assertThat(stock.reserved()).as("I2: reserved of %s is what its orders hold", product).isEqualTo(confirmed);
            assertThat(confirmed).as("I2: confirmed orders of %s", product).isLessThanOrEqualTo(STOCK);
            expectedReserved.put(product, confirmed);
            System.out.printf("crash test: product %s: %d confirmed of %d in stock%n", product, confirmed, STOCK);
        }

        // I2 from the query side
        for (String product : products) {
            long reserved = expectedReserved.get(product);
            JsonNode document = awaitProduct(product, p -> p.get("reserved").asLong() == reserved);
            assertThat(document.get("available").asLong()).isEqualTo(STOCK - reserved);
            assertThat(document.get("onHand").asLong()).isEqualTo(STOCK);
        }
    }

    /** Retries, with the same key, whatever is not a final answer: refused connections, 503, "still in progress". */
    private static String placeOrderUntilAccepted(String key, String product) throws Exception {
        String body = "{\"lines\":[{\"productId\":\"" + product + "\",\"quantity\":1}]}";
        // an IOException: killed, or not listening yet
        return await("order " + key + " accepted").atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptionsInstanceOf(IOException.class).until(() -> {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(command.url("/api/orders")))
                        .timeout(Duration.ofSeconds(15))
                        .header("Authorization", Stack.clientAuthorization())
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", key)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                    if (answer.statusCode() == 202) return json.readTree(answer.body()).get("orderId").asText();
                    if (answer.statusCode() != 503 && answer.statusCode() != 409) {
                        throw new AssertionError("order " + key + " answered " + answer.statusCode() + ": " + answer.body());
                    }
                    return null;
                }, Objects::nonNull);
    }

    private record Order(String id, String product, String status, Instant placedAt, Instant decidedAt) {
    }

    /** Every order in the event store with its product, status and when it was placed and decided. */
    private static Map<String, Order> orders() throws Exception {
        Map<String, Order> orders = new LinkedHashMap<>();
        for (EventStoreFacts.StoredEvent event : EventStoreFacts.events(database, "payload_type LIKE 'io.emporium.api.order.%'")) {
            Order order = orders.get(event.aggregate());
            switch (event.type()) {
                case "OrderPlacedEvent" -> orders.put(event.aggregate(), new Order(event.aggregate(),
                        event.payload().get("lines").get(0).get("productId").asText(), "PENDING", event.at(), null));
                case "OrderConfirmedEvent" -> orders.put(order.id, new Order(order.id, order.product, "CONFIRMED", order.placedAt, event.at()));
                case "OrderRejectedEvent" -> orders.put(order.id, new Order(order.id, order.product, "REJECTED", order.placedAt, event.at()));
                default -> throw new AssertionError("unexpected order event " + event.type());
            }
        }
        return orders;
    }

    private static String createProduct(String sku) throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(command.url("/api/products")))
                .header("Authorization", Stack.clientAuthorization())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"sku\":\"" + sku + "\",\"name\":\"Crash test " + sku + "\","
                        + "\"description\":\"\",\"category\":\"test\",\"price\":5.00,\"initialStock\":" + STOCK + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json.readTree(created.body()).get("productId").asText();
    }

    private static JsonNode awaitProduct(String product, java.util.function.Predicate<JsonNode> condition) throws Exception {
        return await("product " + product + " on the query side").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(query.url("/api/products/" + product))).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? json.readTree(response.body()) : null;
        }, document -> document != null && condition.test(document));
    }

}
