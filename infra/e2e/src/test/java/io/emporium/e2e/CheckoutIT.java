package io.emporium.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emporium.testsupport.ServiceProcess;
import io.emporium.testsupport.TestServices;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Buying, end to end: a basket in Redis, checkout at the query service, the order placed at the command service, its
 * payment authorized by the payment simulator, each a real process. One order per checkout whatever the repeats; a
 * changed price is shown and nothing is charged; a declined card rejects the order and gives the stock back; the
 * shipping address exists only sealed, and erasing the customer's data leaves nothing readable.
 */
class CheckoutIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STREET = "Erasure Lane " + UUID.randomUUID().toString().substring(0, 8);
    private static Stack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = Stack.start(Map.of("EMPORIUM_ORDER_RESERVATION_TIMEOUT", "20s"));
        stack.neverLog(STREET, "Ada Lovelace");
    }

    @AfterAll
    static void stop() throws Exception {
        if (stack != null) stack.close();
    }

    @Test
    void aCheckoutPlacesOneOrderWhateverTheRepeatsAndItIsPaidAndConfirmed() throws Exception {
        String product = createProduct("CHK-1", "12.50", 10);
        emptyBasket();
        JsonNode basket = setLine(product, 2);
        assertThat(new BigDecimal(basket.path("total").asText())).isEqualByComparingTo("25.00");

        String key = UUID.randomUUID().toString();
        HttpResponse<String> placed = checkout(key, basket.path("version").asLong(), "25.00", "tok_approve");
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(202);
        String orderId = json(placed).path("orderId").asText();
        HttpResponse<String> repeated = checkout(key, basket.path("version").asLong(), "25.00", "tok_approve");
        assertThat(repeated.statusCode()).isEqualTo(202);
        assertThat(json(repeated).path("orderId").asText()).as("the repeat answers the same order").isEqualTo(orderId);
        assertThat(json(query("GET", "/api/basket", null)).path("lines")).as("the basket is emptied").isEmpty();

        JsonNode order = awaitOrder(orderId, "CONFIRMED");
        assertThat(order.path("payment").asText()).isEqualTo("AUTHORIZED");
        assertThat(new BigDecimal(order.path("total").asText())).isEqualByComparingTo("25.00");
        List<JsonNode> authorizations = StackPayments.simulator().authorizations(orderId);
        assertThat(authorizations).hasSize(1);
        assertThat(authorizations.get(0).path("amount").asLong()).isEqualTo(2500);
        assertThat(stack.database.queryLong("SELECT count(*) FROM command.domain_event_entry WHERE aggregate_identifier IN ("
                + "SELECT aggregate_identifier FROM command.domain_event_entry WHERE payload_type LIKE '%OrderPlacedEvent'"
                + " AND convert_from(payload, 'UTF8') LIKE '%" + product + "%') AND payload_type LIKE '%OrderPlacedEvent'"))
                .as("orders placed of the product").isEqualTo(1);
    }

    @Test
    void aPriceChangedSinceTheBasketWasShownIsAConflictAndNothingIsCharged() throws Exception {
        String product = createProduct("CHK-2", "10.00", 10);
        emptyBasket();
        long version = setLine(product, 1).path("version").asLong();
        HttpResponse<String> changed = command("PUT", "/api/products/" + product + "/price", "{\"price\":11.00}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        await("the new price is in the read model").atMost(Duration.ofSeconds(20)).until(() ->
                new BigDecimal(json(query("GET", "/api/products/" + product, null)).path("price").asText()).compareTo(new BigDecimal("11.00")) == 0);
        int ledgerBefore = StackPayments.simulator().authorizations(null).size();

        HttpResponse<String> conflict = checkout(UUID.randomUUID().toString(), version, "10.00", "tok_approve");
        assertThat(conflict.statusCode()).as(conflict.body()).isEqualTo(409);
        assertThat(json(conflict).path("title").asText()).isEqualTo("Total changed");
        assertThat(new BigDecimal(json(conflict).path("basket").path("total").asText())).isEqualByComparingTo("11.00");
        assertThat(json(query("GET", "/api/basket", null)).path("lines")).as("the basket stays").hasSize(1);
        assertThat(StackPayments.simulator().authorizations(null)).as("nothing charged").hasSize(ledgerBefore);

        HttpResponse<String> confirmed = checkout(UUID.randomUUID().toString(), version, "11.00", "tok_approve");
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(202);
        awaitOrder(json(confirmed).path("orderId").asText(), "CONFIRMED");
    }

    @Test
    void aDeclinedCardRejectsTheOrderWithTheReasonAndTheStockIsAvailableAgain() throws Exception {
        String product = createProduct("CHK-3", "5.00", 3);
        emptyBasket();
        long version = setLine(product, 3).path("version").asLong();
        HttpResponse<String> placed = checkout(UUID.randomUUID().toString(), version, "15.00", "tok_decline_funds");
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(202);
        JsonNode order = awaitOrder(json(placed).path("orderId").asText(), "REJECTED");
        assertThat(order.path("reason").asText()).contains("insufficient funds");
        assertThat(order.path("payment").asText()).isEqualTo("DECLINED");
        await("the stock is available again").atMost(Duration.ofSeconds(30)).until(() ->
                json(query("GET", "/api/products/" + product, null)).path("available").asLong() == 3);
    }

    @Test
    void theAddressIsStoredOnlySealedAndErasingTheCustomersDataLeavesNothingReadable() throws Exception {
        String product = createProduct("CHK-4", "7.00", 5);
        emptyBasket();
        long version = setLine(product, 1).path("version").asLong();
        HttpResponse<String> placed = checkout(UUID.randomUUID().toString(), version, "7.00", "tok_approve");
        String orderId = json(placed).path("orderId").asText();
        awaitOrder(orderId, "CONFIRMED");

        String placedEvent = stack.database.queryString("SELECT convert_from(payload, 'UTF8') FROM command.domain_event_entry"
                + " WHERE aggregate_identifier = '" + orderId + "' AND payload_type LIKE '%OrderPlacedEvent'");
        assertThat(placedEvent).contains("\"sealedShippingAddress\":\"aesgcm1:").doesNotContain(STREET).doesNotContain("Hamburg");
        assertThat(stack.database.queryLong("SELECT count(*) FROM command.domain_event_entry WHERE convert_from(payload, 'UTF8') LIKE '%"
                + STREET + "%'")).as("events holding the address in clear").isZero();
        assertThat(query("GET", "/api/orders/" + orderId, null).body()).doesNotContain(STREET);
        HttpResponse<String> searched = TestServices.elasticsearch("GET", "/it-*/_search?q=%22" + STREET.replace(" ", "%20") + "%22", null);
        assertThat(JSON.readTree(searched.body()).path("hits").path("total").path("value").asLong()).as("read model documents").isZero();
        assertThat(redisValuesContaining(STREET)).as("Redis entries").isZero();

        String customer = Stack.customer();
        assertThat(stack.database.queryLong("SELECT count(*) FROM command.customer_keys WHERE customer_id = '" + customer + "'")).isEqualTo(1);
        Map<String, String> eventLog = stack.database.eventLogProperties();
        try (java.sql.Connection asQueryService = java.sql.DriverManager.getConnection(eventLog.get("emporium.events-db.url"),
                eventLog.get("emporium.events-db.username"), eventLog.get("emporium.events-db.password"))) {
            assertThatThrownBy(() -> asQueryService.createStatement().executeQuery("SELECT secret_key FROM command.customer_keys"))
                    .as("the query service's login reads events, never the keys that open them").hasMessageContaining("permission denied");
        }
        HttpResponse<String> erased = command("DELETE", "/api/customers/" + customer + "/personal-data", null);
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(204);
        assertThat(stack.database.queryLong("SELECT count(*) FROM command.customer_keys WHERE customer_id = '" + customer + "'"))
                .as("the key that opened the sealed addresses").isZero();
        assertThat(stack.database.queryString("SELECT convert_from(payload, 'UTF8') FROM command.domain_event_entry"
                + " WHERE aggregate_identifier = '" + orderId + "' AND payload_type LIKE '%OrderPlacedEvent'"))
                .as("the event is unchanged: immutable, and sealed for good").isEqualTo(placedEvent);
        assertThat(json(query("GET", "/api/orders/" + orderId, null)).path("status").asText()).as("the order stays").isEqualTo("CONFIRMED");
        assertThat(command("DELETE", "/api/customers/someone-else/personal-data", null).statusCode()).as("another customer's").isEqualTo(403);
    }

    // ------------------------------------------------------------------ helpers

    private static String createProduct(String sku, String price, int stock) throws Exception {
        String uniqueSku = sku + "-" + UUID.randomUUID().toString().substring(0, 6);
        HttpResponse<String> created = command("POST", "/api/products", "{\"sku\":\"" + uniqueSku + "\",\"name\":\"Checkout " + sku
                + "\",\"description\":\"\",\"category\":\"test\",\"price\":" + price + ",\"initialStock\":" + stock + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = json(created).path("productId").asText();
        await("product " + id + " in the read model").atMost(Duration.ofSeconds(20))
                .until(() -> query("GET", "/api/products/" + id, null).statusCode() == 200);
        return id;
    }

    private static void emptyBasket() throws Exception {
        HttpResponse<String> basket = query("GET", "/api/basket", null);
        query("DELETE", "/api/basket", null, "If-Match", basket.headers().firstValue("ETag").orElseThrow());
    }

    private static JsonNode setLine(String product, int quantity) throws Exception {
        HttpResponse<String> basket = query("GET", "/api/basket", null);
        HttpResponse<String> changed = query("PUT", "/api/basket/lines/" + product, "{\"quantity\":" + quantity + "}",
                "If-Match", basket.headers().firstValue("ETag").orElseThrow());
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        return json(changed);
    }

    private static HttpResponse<String> checkout(String key, long version, String expectedTotal, String token) throws Exception {
        return query("POST", "/api/checkout", "{\"expectedTotal\":" + expectedTotal + ",\"paymentToken\":\"" + token + "\","
                + "\"shippingAddress\":{\"name\":\"Ada Lovelace\",\"line1\":\"" + STREET + " 1\",\"postalCode\":\"20095\","
                + "\"city\":\"Hamburg\",\"country\":\"DE\"}}", "Idempotency-Key", key, "If-Match", "\"" + version + "\"");
    }

    private static JsonNode awaitOrder(String orderId, String status) {
        return await("order " + orderId + " " + status).atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(300))
                .until(() -> json(query("GET", "/api/orders/" + orderId, null)), order -> status.equals(order.path("status").asText()));
    }

    private static long redisValuesContaining(String text) {
        RedisClient client = RedisClient.create(TestServices.redisUrl());
        try {
            RedisCommands<String, String> redis = client.connect().sync();
            long found = 0;
            for (String key : redis.keys("*")) {
                String type = redis.type(key);
                String value = switch (type) {
                    case "string" -> redis.get(key);
                    case "hash" -> String.valueOf(redis.hgetall(key));
                    default -> "";
                };
                if (value != null && value.contains(text)) found++;
            }
            return found;
        } finally {
            client.shutdown();
        }
    }

    private static HttpResponse<String> query(String method, String path, String body, String... headers) throws Exception {
        return send(stack.query, method, path, body, headers);
    }

    private static HttpResponse<String> command(String method, String path, String body) throws Exception {
        return send(stack.command, method, path, body, "Idempotency-Key", UUID.randomUUID().toString());
    }

    private static HttpResponse<String> send(ServiceProcess service, String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.url(path))).timeout(Duration.ofSeconds(20))
                .header("Authorization", Stack.clientAuthorization())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) request.header("Content-Type", "application/json");
        for (int i = 0; i < headers.length; i += 2) request.header(headers[i], headers[i + 1]);
        return service.send(request.build());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }
}
