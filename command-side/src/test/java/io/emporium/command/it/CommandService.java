package io.emporium.command.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emporium.command.CommandApplication;
import io.emporium.testsupport.ApiConformance;
import io.emporium.testsupport.SpringArguments;
import io.emporium.testsupport.TestDatabase;
import io.emporium.testsupport.TestTokens;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** A command service in this JVM, on a test's own database, driven over real HTTP. */
final class CommandService implements AutoCloseable {

    /** The customer of the default token, which is a merchant too: it runs the catalogue and orders as c-1. */
    static final String CUSTOMER = "c-1";
    static final ObjectMapper JSON = new ObjectMapper();

    private final ConfigurableApplicationContext context;
    private final HttpClient http = HttpClient.newHttpClient();
    private final TestDatabase database;
    final int port;

    private CommandService(ConfigurableApplicationContext context, TestDatabase database) {
        this.context = context;
        this.database = database;
        this.port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    static CommandService start(TestDatabase database, String... extraProperties) {
        Map<String, Object> properties = new HashMap<>(database.commandSideProperties());
        properties.put("server.port", "0");
        properties.putAll(TestTokens.serviceProperties());
        String[] arguments = SpringArguments.of(properties, extraProperties);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(CommandApplication.class).run(arguments);
        return new CommandService(context, database);
    }

    HttpResponse<String> post(String path, String body, String... headers) {
        return send(request(path, body, headers).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> get(String path, String... headers) {
        return send(request(path, "", headers).GET());
    }

    HttpResponse<String> call(String method, String path, String... headers) {
        return send(request(path, "", headers).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    HttpResponse<String> put(String path, String body, String... headers) {
        return send(request(path, body, headers).PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    /**
     * Without an Authorization header, the request carries a token of a merchant who is customer c-1, or, for an
     * order placed for another customer, that customer's.
     */
    private HttpRequest.Builder request(String path, String body, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json");
        boolean authorization = false;
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
            authorization |= headers[i].equalsIgnoreCase("Authorization");
        }
        if (!authorization) builder.header("Authorization", TestTokens.bearer(TestTokens.token(customerOf(body), List.of("merchant", "customer"))));
        return builder;
    }

    /** Every answer is held to the committed OpenAPI document. */
    private HttpResponse<String> send(HttpRequest.Builder request) {
        HttpResponse<String> answer;
        try {
            answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return ApiConformance.of("command").check(answer);
    }

    private static String customerOf(String body) {
        Matcher customer = Pattern.compile("\"customerId\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
        return customer.find() ? customer.group(1) : CUSTOMER;
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new IllegalStateException("Not JSON: " + response.body(), e);
        }
    }

    /** Creates a product and answers its id. */
    String createProduct(String sku, int stock) {
        HttpResponse<String> created = post("/api/products", "{\"sku\":\"" + sku + "\",\"name\":\"Product " + sku + "\","
                + "\"description\":\"for tests\",\"category\":\"test\",\"price\":10.00,\"initialStock\":" + stock + "}");
        if (created.statusCode() != 201) throw new IllegalStateException("create failed: " + created.statusCode() + " " + created.body());
        return json(created).get("productId").asText();
    }

    long eventCount() {
        return database.queryLong("SELECT count(*) FROM command.domain_event_entry");
    }

    /** How many events of this type (its simple name) are stored: what a refused command must not add to. */
    long eventCount(String type) {
        return database.queryLong("SELECT count(*) FROM command.domain_event_entry WHERE payload_type LIKE '%." + type.replace("'", "") + "'");
    }

    /** The payloads of an aggregate's events, in order, as JSON, with their type's simple name under "@type". */
    List<JsonNode> events(String aggregateId) {
        List<JsonNode> events = new ArrayList<>();
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT payload_type, convert_from(payload, 'UTF8') FROM command.domain_event_entry"
                    + " WHERE aggregate_identifier = '" + aggregateId.replace("'", "") + "' ORDER BY sequence_number");
            while (rs.next()) {
                JsonNode node = JSON.readTree(rs.getString(2));
                String type = rs.getString(1);
                ((com.fasterxml.jackson.databind.node.ObjectNode) node).put("@type", type.substring(type.lastIndexOf('.') + 1));
                events.add(node);
            }
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return events;
    }

    /**
     * Takes the aggregate's next event slot in the caller's open transaction: the aggregate's next command waits on the
     * event table's unique key until that transaction ends.
     */
    void holdNextEventOf(Connection connection, String aggregateId) throws SQLException {
        long next = database.queryLong("SELECT max(sequence_number) + 1 FROM command.domain_event_entry"
                + " WHERE aggregate_identifier = '" + aggregateId.replace("'", "") + "'");
        try (java.sql.PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO command.domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,"
                        + " payload_type, payload, time_stamp) VALUES (?, ?, 'Product', ?, 'placeholder', '\\x7b7d', ?)")) {
            insert.setString(1, aggregateId);
            insert.setLong(2, next);
            insert.setString(3, java.util.UUID.randomUUID().toString());
            insert.setString(4, java.time.Instant.now().toString());
            insert.executeUpdate();
        }
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
