package io.emporium.query.it;

import static org.awaitility.Awaitility.await;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emporium.query.QueryApplication;
import io.emporium.testsupport.ApiConformance;
import io.emporium.testsupport.SpringArguments;
import io.emporium.testsupport.TestDatabase;
import io.emporium.testsupport.TestServices;
import io.emporium.testsupport.TestTokens;
import org.flywaydb.core.Flyway;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A query service in this JVM on a test's own database and index prefix. The command side's schema (the event
 * table it reads) is created with the command side's own migrations, taken from that module's sources.
 */
final class QueryService implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Path COMMAND_MIGRATIONS = Path.of("../command-side/src/main/resources/db/migration/command");

    final ConfigurableApplicationContext context;
    private final EventLog events;
    final TestDatabase database;
    final String indexPrefix;
    final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    private QueryService(ConfigurableApplicationContext context, TestDatabase database, String indexPrefix) {
        this.events = new EventLog(database);
        this.context = context;
        this.database = database;
        this.indexPrefix = indexPrefix;
        this.port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    /** A fresh database with the command side's tables, ready for {@link EventLog} and a query service. */
    static TestDatabase databaseWithEventStore() {
        return withEventStore(TestServices.newDatabase());
    }

    /** Creates the command side's tables (its own migrations) in this database. */
    static TestDatabase withEventStore(TestDatabase database) {
        Flyway.configure()
                .dataSource(database.jdbcUrl(), "emporium_command", database.server().commandPassword())
                .schemas("command").defaultSchema("command").createSchemas(false)
                .locations("filesystem:" + COMMAND_MIGRATIONS.toAbsolutePath().normalize())
                .placeholders(Map.of("queryRole", "emporium_query"))
                .load().migrate();
        return database;
    }

    /** A service on a fresh database with an event store (events appended through {@link #events()}) and its own indices. */
    static QueryService startOnFreshStore(String... extraProperties) {
        return start(databaseWithEventStore(), TestServices.newIndexPrefix(), extraProperties);
    }

    /** Appends events to this service's event store, standing in for the command service. */
    EventLog events() {
        return events;
    }

    static QueryService start(TestDatabase database, String indexPrefix, String... extraProperties) {
        return start(database, database, indexPrefix, extraProperties);
    }

    /** A service that keeps its state in one database and reads the events of another (read-only). */
    static QueryService start(TestDatabase state, TestDatabase eventLog, String indexPrefix, String... extraProperties) {
        Map<String, Object> properties = new HashMap<>(state.queryStateProperties());
        properties.putAll(eventLog.eventLogProperties());
        properties.put("server.port", "0");
        properties.putAll(TestServices.elasticsearchProperties(TestServices.elasticsearchUrl()));
        properties.put("emporium.elasticsearch.index-prefix", indexPrefix);
        properties.putAll(TestTokens.serviceProperties());
        // no limits unless a test asks (tests poll fast from one address); no Redis unless a test names one
        properties.put("emporium.rate-limits.anonymous.per-second", "0");
        properties.put("emporium.rate-limits.authenticated.per-second", "0");
        String[] arguments = SpringArguments.of(properties, extraProperties);
        return new QueryService(new SpringApplicationBuilder(QueryApplication.class).run(arguments), eventLog, indexPrefix);
    }

    HttpResponse<String> get(String pathAndQuery, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery));
        for (int i = 0; i < headers.length; i += 2) request.header(headers[i], headers[i + 1]);
        return send(request);
    }

    /** @param token a bearer token, or null for none */
    HttpResponse<String> send(String method, String pathAndQuery, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) request.header("Authorization", TestTokens.bearer(token));
        return send(request);
    }

    /** @param token a bearer token, or null; @param body JSON, or null; @param headers name, value, ... */
    HttpResponse<String> send(String method, String pathAndQuery, String token, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) request.header("Content-Type", "application/json");
        if (token != null) request.header("Authorization", TestTokens.bearer(token));
        for (int i = 0; i < headers.length; i += 2) request.header(headers[i], headers[i + 1]);
        return send(request);
    }

    /** Every answer is held to the committed OpenAPI document. */
    private HttpResponse<String> send(HttpRequest.Builder request) {
        HttpResponse<String> answer;
        try {
            answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return ApiConformance.of("query").check(answer);
    }

    HttpResponse<String> asAdmin(String method, String pathAndQuery) {
        return send(method, pathAndQuery, TestTokens.admin());
    }

    /** The admin view of one projection: generation, index, position, head, lag, state, rebuild. */
    JsonNode projection(String name) {
        for (JsonNode projection : json(asAdmin("GET", "/admin/projections"))) {
            if (projection.get("name").asText().equals(name)) return projection;
        }
        throw new AssertionError("No projection " + name);
    }

    /** Waits until the live generation has projected everything in the event store. */
    void awaitCaughtUp(String name, Duration timeout) {
        await(name + " caught up with the event store").atMost(timeout).pollInterval(Duration.ofMillis(200))
                .until(() -> projection(name), projection -> projection.get("head").asLong() >= 0 && projection.get("lag").asLong() == 0);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    HttpResponse<String> getAsMerchant(String pathAndQuery) {
        return send("GET", pathAndQuery, TestTokens.merchant());
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new IllegalStateException("Not JSON: " + response.body(), e);
        }
    }

    /** Waits until every id answers with at least the given version (read by id is realtime in Elasticsearch). */
    void awaitProducts(Map<String, Long> versions, Duration timeout) {
        awaitDocuments("/api/products/", versions, timeout, false);
    }

    void awaitOrders(Map<String, Long> versions, Duration timeout) {
        awaitDocuments("/api/orders/", versions, timeout, true);
    }

    private void awaitDocuments(String path, Map<String, Long> versions, Duration timeout, boolean asMerchant) {
        List<String> missing = new ArrayList<>(versions.keySet());
        await("every document projected at its version").atMost(timeout).until(() -> {
            missing.removeIf(id -> {
                HttpResponse<String> r = asMerchant ? getAsMerchant(path + id) : get(path + id);
                return r.statusCode() == 200 && json(r).get("version").asLong() >= versions.get(id);
            });
            return missing.isEmpty();
        });
    }

    /** A request straight to Elasticsearch, around the service (to look at, or tamper with, what it holds). */
    static HttpResponse<String> elasticsearch(String method, String path, String body) {
        return TestServices.elasticsearch(method, path, body);
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    void refresh() {
        TestServices.elasticsearch("POST", indexPrefix + "*/_refresh", null);
    }

    @Override
    public void close() {
        context.close();
    }
}
