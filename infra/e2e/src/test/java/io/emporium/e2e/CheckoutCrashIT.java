package io.emporium.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.math.BigDecimal;
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
import io.emporium.testsupport.PaymentSimulatorProcess;
import io.emporium.testsupport.ServiceProcess;
import io.emporium.testsupport.TestDatabase;
import io.emporium.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checkouts under crashes: 16 customers check out one unit at a time (basket, then checkout, retried with the same
 * Idempotency-Key until accepted) over three products with limited stock, paying with approving, declining, slow and
 * flaky cards, while the command service is killed ({@code kill -9}) twice and the payment simulator once. Afterwards,
 * from the event store and the simulator's ledger:
 * <ul>
 *   <li>P1: a CONFIRMED order holds exactly one authorization, of its total;</li>
 *   <li>P2: every authorization of an order that will not ship (rejected) is voided within a bounded time;</li>
 *   <li>P3: shipped orders are captured once, for the authorized amount, and nothing else is captured;</li>
 *   <li>I1, I2: stock held exactly by confirmed orders, never negative, never oversold;</li>
 *   <li>I3: every order decided within the reservation timeout (and slack) of a running command service;</li>
 *   <li>I4: every accepted checkout is stored as exactly one order, and no other order exists.</li>
 * </ul>
 * Sizes: {@code -Demporium.checkout-crash.checkouts} (default 200); kills: 2 of the command service, 1 of the simulator.
 */
class CheckoutCrashIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final int CHECKOUTS = Integer.getInteger("emporium.checkout-crash.checkouts", 200);
    private static final int CLIENTS = 16;
    private static final int PRODUCTS = 3;
    private static final int STOCK = 30;
    private static final String[] CARDS = {"tok_approve", "tok_approve", "tok_approve", "tok_approve", "tok_decline_funds",
            "tok_decline_expired", "tok_slow", "tok_slow", "tok_flaky", "tok_flaky"};
    private static final Duration RESERVATION_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration SLACK = Duration.ofSeconds(15);
    private static final Duration P2_BOUND = Duration.ofSeconds(90);

    private static PaymentSimulatorProcess simulator;
    private static Stack stack;
    private static TestDatabase database;
    private static ServiceProcess command;
    private static ServiceProcess query;

    @BeforeAll
    static void startTheStack() throws Exception {
        simulator = PaymentSimulatorProcess.start(Duration.ofSeconds(3));
        stack = Stack.start(Map.of(
                "EMPORIUM_ORDER_RESERVATION_TIMEOUT", RESERVATION_TIMEOUT.toSeconds() + "s",
                "EMPORIUM_DEADLINE_POLLING_INTERVAL", "1s",
                "EMPORIUM_IDEMPOTENCY_LEASE", "5s",
                "EMPORIUM_PAYMENT_PROVIDER_URL", simulator.url(),
                // sixteen customers of their own: the test's issuer beside the identity service
                "EMPORIUM_JWT_SCRIPT_ISSUER", TestTokens.ISSUER,
                "EMPORIUM_JWT_SCRIPT_PUBLIC_KEY", TestTokens.publicKeyFile().toString()));
        database = stack.database;
        command = stack.command;
        query = stack.query;
    }

    @AfterAll
    static void stopTheStack() throws Exception {
        if (stack != null) stack.close();
        if (simulator != null) simulator.close();
    }

    @Test
    void paymentsStockAndOrdersStayCorrectWhenTheCommandServiceAndTheProviderAreKilled() throws Exception {
        List<String> products = new ArrayList<>();
        for (int i = 0; i < PRODUCTS; i++) products.add(createProduct("CHECKOUT-CRASH-" + i));
        for (String product : products) {
            await("product in the read model").atMost(Duration.ofSeconds(30))
                    .until(() -> send(query, "GET", "/api/products/" + product, null, null).statusCode() == 200);
        }

        long seed = System.nanoTime();
        Random random = new Random(seed);
        TreeSet<Integer> points = new TreeSet<>();
        while (points.size() < 3) points.add(CHECKOUTS * 15 / 100 + random.nextInt(CHECKOUTS * 70 / 100));
        int simulatorKill = new ArrayList<>(points).get(random.nextInt(3));
        System.out.printf("checkout crash test: %d checkouts, kills after %s answers, the simulator's at %d (seed %d)%n",
                CHECKOUTS, points, simulatorKill, seed);

        AtomicInteger answered = new AtomicInteger();
        Map<String, String> accepted = new ConcurrentHashMap<>(); // checkout key -> order id
        List<Instant[]> downtimes = new CopyOnWriteArrayList<>();
        ExecutorService killer = Executors.newSingleThreadExecutor();
        Future<?> kills = killer.submit(() -> {
            for (int point : points) {
                await("answers before the next kill").atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofMillis(5))
                        .until(() -> answered.get() >= point);
                if (point == simulatorKill) {
                    simulator.killHard();
                    simulator.restart();
                } else {
                    Kills.killAndRestart(command, downtimes);
                }
            }
            return null;
        });
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            String customer = "crash-" + run + "-" + c;
            int client = c;
            done.add(clients.submit(() -> {
                String token = TestTokens.customer(customer);
                for (int n = client; n < CHECKOUTS; n += CLIENTS) {
                    String key = run + "-" + n;
                    accepted.put(key, checkOutUntilAccepted(token, key, products.get(n % PRODUCTS), CARDS[n % CARDS.length]));
                    answered.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> client : done) client.get(10, TimeUnit.MINUTES);
        clients.shutdown();
        kills.get(5, TimeUnit.MINUTES);
        killer.shutdown();
        assertThat(downtimes).as("kills of the command service").hasSize(2);

        // I3: every order decided within the reservation timeout (and slack) of running time
        Duration bound = RESERVATION_TIMEOUT.plus(SLACK);
        Map<String, Order> orders = await("every order decided").atMost(bound).pollInterval(Duration.ofMillis(500))
                .until(CheckoutCrashIT::orders, all -> all.values().stream().allMatch(o -> o.decidedAt != null));
        for (Order order : orders.values()) {
            Duration running = Duration.between(order.placedAt, order.decidedAt)
                    .minus(Kills.downtimeWithin(downtimes, order.placedAt, order.decidedAt));
            assertThat(running).as("I3: order %s pending while a command service ran", order.id).isLessThanOrEqualTo(bound);
        }

        // I4: one order per accepted checkout, and no other
        assertThat(accepted).hasSize(CHECKOUTS);
        assertThat(new TreeSet<>(accepted.values())).as("one order per checkout").hasSize(CHECKOUTS);
        assertThat(orders.keySet()).as("I4: stored orders").containsExactlyInAnyOrderElementsOf(accepted.values());

        // P2: what will not ship holds no authorization, within a bounded time
        Map<String, JsonNode> ledger = await("P2: authorizations of rejected orders voided").atMost(P2_BOUND).pollInterval(Duration.ofSeconds(1))
                .until(CheckoutCrashIT::ledgerByOrder, byOrder -> byOrder.values().stream().noneMatch(a ->
                        a.path("status").asText().equals("authorized") && !orders.get(a.path("reference").asText()).status.equals("CONFIRMED")));
        orders.putAll(orders());
        EventStoreFacts.awaitCaughtUp(database, "OrderFulfilmentSagaProcessor", Duration.ofSeconds(60));
        EventStoreFacts.awaitCaughtUp(database, "payments", Duration.ofSeconds(90));

        int confirmed = 0, declined = 0, rejectedForStock = 0;
        Map<String, Integer> otherReasons = new java.util.TreeMap<>();
        for (Order order : orders.values()) {
            JsonNode authorization = ledger.get(order.id);
            if (order.status.equals("CONFIRMED")) {
                confirmed++;
                // P1: exactly one authorization, of the total, held
                assertThat(order.authorizations).as("P1: authorizations recorded by %s", order.id).hasSize(1);
                assertThat(order.authorizedAmount).as("P1: %s authorized its total", order.id).isEqualByComparingTo(order.total);
                assertThat(authorization).as("P1: the provider holds %s's authorization", order.id).isNotNull();
                assertThat(authorization.path("status").asText()).isEqualTo("authorized");
                assertThat(authorization.path("amount").asLong()).isEqualTo(order.total.movePointRight(2).longValueExact());
            } else {
                if (order.reason.contains("payment declined")) declined++;
                else if (order.reason.contains("available")) rejectedForStock++;
                else otherReasons.merge(order.reason, 1, Integer::sum);
                if (authorization != null) {
                    assertThat(authorization.path("status").asText()).as("P2: %s order %s's authorization", order.status, order.id)
                            .isIn("voided", "declined");
                }
            }
        }
        assertThat(ledger.keySet()).as("no authorization of an order that does not exist").isSubsetOf(orders.keySet());
        System.out.printf("checkout crash test: %d orders: %d confirmed, %d declined, %d rejected for stock, otherwise %s%n",
                orders.size(), confirmed, declined, rejectedForStock, otherReasons);
        assertThat(confirmed).as("some orders were paid").isPositive();
        assertThat(declined).as("some cards declined").isPositive();

        // I1 and I2 from the products' events
        for (String product : products) {
            EventStoreFacts.Stock stock = EventStoreFacts.foldStock(database, product, 1);
            long held = 0;
            for (Order order : orders.values()) {
                if (!order.product.equals(product)) continue;
                long holds = stock.heldByOrder().getOrDefault(order.id, 0L);
                assertThat(holds).as("I1: %s order %s", order.status, order.id).isEqualTo(order.status.equals("CONFIRMED") ? 1 : 0);
                held += holds;
            }
            assertThat(stock.reserved()).as("I2: reserved of %s", product).isEqualTo(held).isLessThanOrEqualTo(STOCK);
        }

        // P3: shipping captures exactly the authorized amount, once, whatever the repeats
        List<Order> toShip = orders.values().stream().filter(o -> o.status.equals("CONFIRMED")).limit(5).toList();
        for (Order order : toShip) {
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> shipped = send(command, "POST", "/api/orders/" + order.id + "/ship", TestTokens.merchant(), null);
                assertThat(shipped.statusCode()).as(shipped.body()).isEqualTo(200);
            }
        }
        Map<String, JsonNode> afterShipping = await("P3: shipped orders captured").atMost(Duration.ofSeconds(60))
                .until(CheckoutCrashIT::ledgerByOrder, byOrder -> toShip.stream().allMatch(o -> byOrder.get(o.id).path("status").asText().equals("captured")));
        for (JsonNode authorization : afterShipping.values()) {
            long captures = 0;
            for (JsonNode operation : authorization.path("operations")) {
                if (!operation.path("kind").asText().equals("capture")) continue;
                assertThat(operation.path("outcome").asText()).as("P3: no capture refused (twice, or another amount)").isEqualTo("done");
                assertThat(operation.path("amount").asLong()).as("P3: captured amount").isEqualTo(authorization.path("amount").asLong());
                captures++;
            }
            assertThat(captures).as("P3: captures of %s", authorization.path("reference").asText())
                    .isEqualTo(toShip.stream().anyMatch(o -> o.id.equals(authorization.path("reference").asText())) ? 1 : 0);
        }
    }

    /**
     * Basket, then checkout with the same key until it is accepted. What is not a final answer (503, no answer in time)
     * is repeated as the very same request, If-Match included, as a careful client does: the first attempt may have
     * placed the order and emptied the basket although its answer was lost. The basket is read again only after a 412
     * (it changed); a 409 (the same key still being handled) is repeated as it was.
     */
    private static String checkOutUntilAccepted(String token, String key, String product, String card) {
        java.util.concurrent.atomic.AtomicReference<String> version = new java.util.concurrent.atomic.AtomicReference<>();
        return await("checkout " + key).atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(250))
                .ignoreExceptionsInstanceOf(IOException.class).until(() -> {
                    if (version.get() == null) {
                        HttpResponse<String> basket = send(query, "GET", "/api/basket", token, null);
                        if (basket.statusCode() != 200) return null;
                        String current = basket.headers().firstValue("ETag").orElseThrow();
                        if (JSON.readTree(basket.body()).path("lines").isEmpty()) {
                            HttpResponse<String> line = send(query, "PUT", "/api/basket/lines/" + product, token, "{\"quantity\":1}",
                                    "If-Match", current);
                            if (line.statusCode() != 200) return null;
                            current = line.headers().firstValue("ETag").orElseThrow();
                        }
                        version.set(current);
                    }
                    HttpResponse<String> answer = send(query, "POST", "/api/checkout", token, "{\"expectedTotal\":5.00,"
                            + "\"paymentToken\":\"" + card + "\",\"shippingAddress\":{\"name\":\"C\",\"line1\":\"1 Road\","
                            + "\"postalCode\":\"1000\",\"city\":\"Town\",\"country\":\"BE\"}}", "Idempotency-Key", key, "If-Match", version.get());
                    if (answer.statusCode() == 202) return JSON.readTree(answer.body()).path("orderId").asText();
                    if (answer.statusCode() == 412) version.set(null);
                    else if (answer.statusCode() != 503 && answer.statusCode() != 409) {
                        throw new AssertionError("checkout " + key + " answered " + answer.statusCode() + ": " + answer.body());
                    }
                    return null;
                }, java.util.Objects::nonNull);
    }

    private static final class Order {
        final String id;
        String product;
        String status = "PENDING";
        String reason = "";
        Instant placedAt;
        Instant decidedAt;
        BigDecimal total;
        final List<String> authorizations = new ArrayList<>();
        BigDecimal authorizedAmount;

        Order(String id) {
            this.id = id;
        }
    }

    /** Every order in the event store, folded from its events. */
    private static Map<String, Order> orders() throws Exception {
        Map<String, Order> orders = new LinkedHashMap<>();
        for (EventStoreFacts.StoredEvent event : EventStoreFacts.events(database, "payload_type LIKE 'io.emporium.api.order.%'")) {
            Order order = orders.computeIfAbsent(event.aggregate(), Order::new);
            JsonNode payload = event.payload();
            switch (event.type()) {
                case "OrderPlacedEvent" -> {
                    order.product = payload.get("lines").get(0).get("productId").asText();
                    order.placedAt = event.at();
                }
                case "OrderPaymentRequestedEvent" -> order.total = new BigDecimal(payload.path("total").path("amount").asText());
                case "OrderPaymentAuthorizedEvent" -> {
                    order.authorizations.add(payload.path("authorizationId").asText());
                    order.authorizedAmount = new BigDecimal(payload.path("amount").path("amount").asText());
                }
                case "OrderConfirmedEvent" -> {
                    order.status = "CONFIRMED";
                    order.decidedAt = event.at();
                }
                case "OrderRejectedEvent" -> {
                    order.status = "REJECTED";
                    order.reason = payload.path("reason").asText();
                    order.decidedAt = event.at();
                }
                default -> { } // the payment's declines, captures and voids: P1 to P3 read them from the ledger
            }
        }
        return orders;
    }

    /** The simulator's ledger by order; an order with two authorizations fails P1 here. */
    private static Map<String, JsonNode> ledgerByOrder() throws Exception {
        Map<String, JsonNode> byOrder = new HashMap<>();
        for (JsonNode authorization : simulator.authorizations(null)) {
            JsonNode earlier = byOrder.put(authorization.path("reference").asText(), authorization);
            assertThat(earlier).as("P1: a second authorization for order %s", authorization.path("reference").asText()).isNull();
        }
        return byOrder;
    }

    private static String createProduct(String sku) throws Exception {
        HttpResponse<String> created = send(command, "POST", "/api/products", TestTokens.merchant(), "{\"sku\":\"" + sku + "-"
                + UUID.randomUUID().toString().substring(0, 6) + "\",\"name\":\"Checkout crash " + sku + "\",\"description\":\"\","
                + "\"category\":\"test\",\"price\":5.00,\"initialStock\":" + STOCK + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).get("productId").asText();
    }

    private static HttpResponse<String> send(ServiceProcess service, String method, String path, String token, String body,
                                             String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.url(path))).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) request.header("Authorization", TestTokens.bearer(token));
        if (body != null) request.header("Content-Type", "application/json");
        for (int i = 0; i < headers.length; i += 2) request.header(headers[i], headers[i + 1]);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
