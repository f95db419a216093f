package io.emporium.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emporium.testsupport.ServiceProcess;
import io.emporium.testsupport.TestDatabase;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Both service jars as processes, on a fresh database and their own indices, driven over HTTP as a user would (every
 * answer held to the committed OpenAPI documents):
 * products are found by search (also misspelled), orders are confirmed or rejected and show so on the query side,
 * and the PostgreSQL schema avoids the two Axon/Hibernate pitfalls.
 */
class StackEndToEndIT {

    private static final ObjectMapper json = new ObjectMapper();
    private static Stack stack;
    private static TestDatabase database;
    private static ServiceProcess command;
    private static ServiceProcess query;

    @BeforeAll
    static void startTheStack() throws Exception {
        stack = Stack.start(Map.of());
        database = stack.database;
        command = stack.command;
        query = stack.query;
    }

    @AfterAll
    static void stopTheStack() throws Exception {
        if (stack != null) stack.close();
    }

    @Test
    void aCreatedProductIsFoundBySearchEvenWhenMisspelled() throws Exception {
        HttpResponse<String> created = createProduct("{\"sku\":\"TRAIL-42\",\"name\":\"Waterproof Trail Jacket\","
                + "\"description\":\"A light jacket for wet mountain days\",\"category\":\"outdoor\",\"price\":129.90,\"initialStock\":12}");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String productId = json.readTree(created.body()).get("productId").asText();
        assertThat(json.readTree(created.body()).get("version").asLong()).isZero();
        assertThat(created.headers().firstValue("ETag")).hasValue("\"0\"");
        assertThat(created.headers().firstValue("Location")).hasValue("/api/products/" + productId);

        JsonNode found = awaitSearch("jackit", Duration.ofSeconds(30)); // "jacket", misspelled
        assertThat(found.get("total").asLong()).isEqualTo(1);
        JsonNode item = found.get("items").get(0);
        assertThat(item.get("productId").asText()).isEqualTo(productId);
        assertThat(item.get("sku").asText()).isEqualTo("TRAIL-42");
        assertThat(item.get("price").decimalValue()).isEqualByComparingTo("129.90");
        assertThat(item.get("available").asLong()).isEqualTo(12);
    }

    @Test
    void anOrderIsConfirmedWithItsTotalOnTheQuerySideAndTheProductsAvailableStockDrops() throws Exception {
        String productId = json.readTree(createProduct("{\"sku\":\"E2E-MUG\",\"name\":\"Enamel Camp Mug\",\"description\":\"\","
                + "\"category\":\"outdoor\",\"price\":8.25,\"initialStock\":3}").body()).get("productId").asText();

        HttpResponse<String> placed = command("/api/orders", "{\"customerId\":\"" + Stack.customer() + "\",\"lines\":[{\"productId\":\""
                + productId + "\",\"quantity\":2}]}");
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(202);
        String orderId = json.readTree(placed.body()).get("orderId").asText();

        JsonNode order = awaitRead("/api/orders/" + orderId, o -> o.get("status").asText().equals("CONFIRMED"));
        assertThat(order.get("total").decimalValue()).isEqualByComparingTo("16.50");
        assertThat(order.get("lines").get(0).get("unitPrice").decimalValue()).isEqualByComparingTo("8.25");
        JsonNode product = awaitRead("/api/products/" + productId, p -> p.get("reserved").asLong() == 2);
        assertThat(product.get("available").asLong()).isEqualTo(1);

        String tooMany = json.readTree(command("/api/orders", "{\"customerId\":\"" + Stack.customer() + "\",\"lines\":[{\"productId\":\""
                + productId + "\",\"quantity\":2}]}").body()).get("orderId").asText();
        JsonNode rejected = awaitRead("/api/orders/" + tooMany, o -> o.get("status").asText().equals("REJECTED"));
        assertThat(rejected.get("reason").asText()).contains("only 1 available");
    }

    @Test
    void commandsNeedTheClientsCredentials() throws Exception {
        HttpResponse<String> anonymous = command.send(HttpRequest.newBuilder(URI.create(command.url("/api/products")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("application/problem+json"));
    }

    @Test
    void noColumnIsAnOidLargeObject() throws Exception {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            ResultSet oids = s.executeQuery("SELECT table_schema || '.' || table_name || '.' || column_name FROM information_schema.columns"
                    + " WHERE table_schema IN ('command', 'query') AND data_type = 'oid'");
            List<String> found = new ArrayList<>();
            while (oids.next()) found.add(oids.getString(1));
            assertThat(found).isEmpty();

            ResultSet binary = s.executeQuery("SELECT table_schema || '.' || table_name || '.' || column_name, data_type FROM information_schema.columns"
                    + " WHERE (table_schema, table_name, column_name) IN (('command','domain_event_entry','payload'),"
                    + " ('command','domain_event_entry','meta_data'), ('command','snapshot_event_entry','payload'),"
                    + " ('command','saga_entry','serialized_saga'), ('command','token_entry','token'), ('query','token_entry','token'))");
            Map<String, String> types = new HashMap<>();
            while (binary.next()) types.put(binary.getString(1), binary.getString(2));
            assertThat(types).hasSize(6).allSatisfy((column, type) -> assertThat(type).as(column).isEqualTo("bytea"));
        }
    }

    @Test
    void theGlobalIndexComesFromItsOwnSequenceWithoutGaps() throws Exception {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            ResultSet sequence = s.executeQuery("SELECT increment FROM information_schema.sequences"
                    + " WHERE sequence_schema = 'command' AND sequence_name = 'domain_event_entry_global_index_seq'");
            assertThat(sequence.next()).as("sequence exists").isTrue();
            assertThat(sequence.getLong(1)).isEqualTo(1);
        }
        for (int i = 0; i < 5; i++) {
            assertThat(createProduct("{\"sku\":\"SEQ-" + i + "\",\"name\":\"Sequence probe " + i + "\",\"description\":\"\","
                    + "\"category\":\"test\",\"price\":1.00,\"initialStock\":1}").statusCode()).isEqualTo(201);
        }
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            ResultSet indexes = s.executeQuery("SELECT global_index FROM command.domain_event_entry"
                    + " WHERE aggregate_identifier IN (SELECT aggregate_identifier FROM command.domain_event_entry"
                    + " WHERE payload_type LIKE '%ProductCreatedEvent') ORDER BY global_index DESC LIMIT 5");
            List<Long> last = new ArrayList<>();
            while (indexes.next()) last.add(indexes.getLong(1));
            assertThat(last).hasSize(5);
            // consecutive: the five newest events were numbered one after another, no pooled jumps of 50
            assertThat(last.get(0) - last.get(4)).isEqualTo(4);
            // and every number was drawn from the sequence itself, not from a block kept in the service's memory:
            // a block would leave the sequence up to 50 ahead; other writers of the stack (a saga, a rolled-back
            // append) may have drawn a few numbers after ours, never a block's worth
            ResultSet drawn = s.executeQuery("SELECT last_value FROM command.domain_event_entry_global_index_seq");
            drawn.next();
            assertThat(drawn.getLong(1)).isBetween(last.get(0), last.get(0) + 5);
        }
    }

    private static HttpResponse<String> createProduct(String body) throws Exception {
        return command("/api/products", body);
    }

    private static HttpResponse<String> command(String path, String body) throws Exception {
        return command.send(HttpRequest.newBuilder(URI.create(command.url(path)))
                .header("Authorization", Stack.clientAuthorization())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Reads from the query service (as client) until the answer satisfies the condition, bounded. */
    private static JsonNode awaitRead(String path, java.util.function.Predicate<JsonNode> condition) throws Exception {
        try {
            return await(path).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
                HttpResponse<String> response = query.send(HttpRequest.newBuilder(URI.create(query.url(path)))
                    .header("Authorization", Stack.clientAuthorization()).build());
                return response.statusCode() == 200 ? json.readTree(response.body()) : null;
            }, answer -> answer != null && condition.test(answer));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "\nquery service log:\n" + query.tail(), e);
        }
    }

    private static JsonNode awaitSearch(String text, Duration timeout) throws Exception {
        try {
            return await("a search for '" + text + "' finding something").atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> {
                HttpResponse<String> response = query.send(HttpRequest.newBuilder(URI.create(query.url("/api/products/search?q="
                    + URLEncoder.encode(text, StandardCharsets.UTF_8)))).build());
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                return json.readTree(response.body());
            }, answer -> answer.get("total").asLong() > 0);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "\nquery service log:\n" + query.tail(), e);
        }
    }

}
