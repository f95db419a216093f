package io.emporium.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emporium.testsupport.CuttableProxy;
import io.emporium.testsupport.TestServices;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Both services as processes under a steady load of commands while the read model's world falls apart: the query
 * service is killed ({@code kill -9}) during live projection and again during a rebuild, Elasticsearch is away for
 * 30 s, and the query service's PostgreSQL connections are cut (as in a restart or a failover). Afterwards the read
 * model matches the event store ({@code verify}: no difference), and no search answered a 5xx other than 503.
 * Elasticsearch and PostgreSQL are cut through TCP proxies, since other tests share the servers themselves.
 * {@code -Demporium.faults.esOutageSeconds} (default 30) sets the Elasticsearch outage.
 */
class ReadModelFaultsIT {

    private static final ObjectMapper json = new ObjectMapper();
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final int PRODUCTS = 50;
    private static final int ES_OUTAGE_SECONDS = Integer.getInteger("emporium.faults.esOutageSeconds", 30);

    @Test
    void theReadModelSurvivesKillsAndOutagesAndEndsUpMatchingTheEventStore() throws Exception {
        URI elasticsearch = URI.create(TestServices.elasticsearchUrl());
        TestServices.PostgresServer postgres = TestServices.postgres();
        try (CuttableProxy toElasticsearch = new CuttableProxy(elasticsearch.getHost(), elasticsearch.getPort());
             CuttableProxy toPostgres = new CuttableProxy(postgres.host(), postgres.port());
             Stack stack = Stack.start(Map.of("EMPORIUM_RECONCILE_INTERVAL", "0"), Map.of(
                     "EMPORIUM_ES_URL", TestServices.elasticsearchUrlVia(toElasticsearch.port()),
                     "EMPORIUM_DB_HOST", "127.0.0.1",
                     "EMPORIUM_DB_PORT", Integer.toString(toPostgres.port())))) {
            List<String> products = new ArrayList<>();
            for (int i = 0; i < PRODUCTS; i++) products.add(createProduct(stack, i));

            Load load = new Load(stack, products);
            load.start();
            try {
                Thread.sleep(3_000);
                stack.query.killHard(); // during live projection
                stack.query.restart();
                stack.query.awaitHealthy(Duration.ofSeconds(120));

                assertThat(admin(stack, "POST", "/admin/projections/products/rebuild?batchSize=20").statusCode()).isEqualTo(202);
                awaitProjection(stack, "products", p -> p.path("rebuild").path("processed").asLong() > 0, Duration.ofSeconds(60));
                stack.query.killHard(); // during the rebuild
                stack.query.restart();
                stack.query.awaitHealthy(Duration.ofSeconds(120));
                awaitProjection(stack, "products", p -> p.get("rebuild").isNull() && p.get("generation").asInt() == 2,
                        Duration.ofSeconds(120));

                toElasticsearch.cut();
                Thread.sleep(ES_OUTAGE_SECONDS * 1_000L);
                toElasticsearch.restore();

                toPostgres.cut();
                Thread.sleep(5_000);
                toPostgres.restore();
                Thread.sleep(5_000);
            } finally {
                load.stop();
            }
            assertThat(load.accepted.get()).as("commands accepted under the load").isGreaterThan(100);

            for (String projection : List.of("products", "orders")) {
                awaitProjection(stack, projection, p -> p.get("lag").asLong() == 0, Duration.ofSeconds(120));
                JsonNode report = json.readTree(admin(stack, "POST", "/admin/projections/" + projection + "/verify").body());
                assertThat(report.get("missing").asLong() + report.get("stale").asLong() + report.get("wrong").asLong()
                        + report.get("extra").asLong()).as("differences in %s: %s", projection, report).isZero();
                assertThat(report.get("aggregatesChecked").asLong()).isPositive();
            }
            assertThat(load.searchStatuses.keySet()).as("search answers (status → count: %s)", load.searchStatuses)
                    .allSatisfy(status -> assertThat(status < 500 || status == 503).as("status " + status).isTrue());
            assertThat(load.searchStatuses).containsKey(503); // the outage was seen, and answered as such
        }
    }

    /** Price changes, stock arrivals and orders at about 20 commands/s, and searches and reads at about 5/s. */
    private static final class Load {
        private final Stack stack;
        private final List<String> products;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger accepted = new AtomicInteger();
        private final Map<Integer, Integer> searchStatuses = new ConcurrentHashMap<>();
        private final ExecutorService threads = Executors.newFixedThreadPool(2);

        Load(Stack stack, List<String> products) {
            this.stack = stack;
            this.products = products;
        }

        void start() {
            threads.submit(() -> {
                Random random = new Random(7);
                while (running.get()) {
                    String product = products.get(random.nextInt(products.size()));
                    int dice = random.nextInt(10);
                    String path = dice < 4 ? "/api/products/" + product + "/price" : dice < 7 ? "/api/products/" + product + "/stock" : "/api/orders";
                    String body = dice < 4 ? "{\"price\":" + (10 + random.nextInt(90)) + ".00}" : dice < 7 ? "{\"quantity\":5}"
                            : "{\"lines\":[{\"productId\":\"" + product + "\",\"quantity\":1}]}";
                    if (send(stack.command.url(path), dice < 4 ? "PUT" : "POST", body) / 100 == 2) accepted.incrementAndGet();
                    pause(50);
                }
                return null;
            });
            threads.submit(() -> {
                Random random = new Random(11);
                while (running.get()) {
                    record(stack.query.url("/api/products/search?q=product&sort=price_asc"));
                    record(stack.query.url("/api/products/" + products.get(random.nextInt(products.size()))));
                    pause(400);
                }
                return null;
            });
        }

        void stop() throws InterruptedException {
            running.set(false);
            threads.shutdown();
            threads.awaitTermination(30, TimeUnit.SECONDS);
        }

        private void record(String url) {
            try {
                int status = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                searchStatuses.merge(status, 1, Integer::sum);
            } catch (IOException | InterruptedException notListening) {
                // the query service is being restarted: no answer is no 5xx
            }
        }

        private int send(String url, String method, String body) {
            try {
                return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                        .header("Authorization", Stack.clientAuthorization()).header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException | InterruptedException e) {
                return 0;
            }
        }

        private static void pause(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String createProduct(Stack stack, int i) throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(stack.command.url("/api/products")))
                .header("Authorization", Stack.clientAuthorization()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"sku\":\"FAULT-" + i + "\",\"name\":\"Fault product " + i + "\","
                        + "\"description\":\"\",\"category\":\"test\",\"price\":10.00,\"initialStock\":1000}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json.readTree(created.body()).get("productId").asText();
    }

    private static HttpResponse<String> admin(Stack stack, String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(stack.query.url(path))).timeout(Duration.ofMinutes(2))
                .header("Authorization", Stack.adminAuthorization())
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitProjection(Stack stack, String name, java.util.function.Predicate<JsonNode> condition,
                                        Duration timeout) throws Exception {
        try {
            // an IOException: the service is restarting, not listening yet
            await("projection " + name).atMost(timeout).pollInterval(Duration.ofMillis(500)).ignoreExceptionsInstanceOf(IOException.class)
                    .until(() -> {
                        HttpResponse<String> answer = admin(stack, "GET", "/admin/projections");
                        if (answer.statusCode() != 200) return null;
                        for (JsonNode projection : json.readTree(answer.body())) {
                            if (projection.get("name").asText().equals(name)) return projection;
                        }
                        return null;
                    }, projection -> projection != null && condition.test(projection));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "\nquery service log:\n" + stack.query.tail(), e);
        }
    }
}
