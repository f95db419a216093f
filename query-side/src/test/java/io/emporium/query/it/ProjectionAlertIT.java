package io.emporium.query.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.emporium.api.Money;
import io.emporium.api.product.CatalogueDetails;
import io.emporium.api.product.ProductCreatedEvent;
import io.emporium.testsupport.CuttableProxy;
import io.emporium.testsupport.ServiceProcess;
import io.emporium.testsupport.TestDatabase;
import io.emporium.testsupport.TestServices;
import io.emporium.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real Prometheus (EMPORIUM_TEST_PROMETHEUS, Debian's package) scrapes the query service with an admin token and
 * evaluates the shipped alert rules (infra/observability/prometheus/alerts.yml, their {@code for:} shortened to a few
 * seconds; promtool's tests hold the real durations). Elasticsearch is cut away while events arrive: the products
 * projection stops advancing and EmporiumProjectionStalled fires; Elasticsearch back, it catches up and the alert resolves.
 */
class ProjectionAlertIT {

    private static final Path RULES = Path.of("../infra/observability/prometheus/alerts.yml");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static CuttableProxy proxy;
    private static QueryService service;
    private static EventLog events;
    private static Process prometheus;
    private static Path prometheusHome;
    private static String prometheusUrl;

    @BeforeAll
    static void start() throws Exception {
        String binary = System.getenv("EMPORIUM_TEST_PROMETHEUS");
        assertThat(binary).as("EMPORIUM_TEST_PROMETHEUS (infra/emporium test installs Debian's prometheus and sets it)").isNotBlank();
        URI elasticsearch = URI.create(TestServices.elasticsearchUrl());
        proxy = new CuttableProxy(elasticsearch.getHost(), elasticsearch.getPort());
        TestDatabase database = QueryService.databaseWithEventStore();
        events = new EventLog(database);
        service = QueryService.start(database, TestServices.newIndexPrefix(),
                "spring.elasticsearch.uris=" + TestServices.elasticsearchUrlVia(proxy.port()), "emporium.projections.stall-after=3s");

        prometheusHome = Files.createTempDirectory("prometheus");
        Files.writeString(prometheusHome.resolve("token"), TestTokens.admin());
        Files.writeString(prometheusHome.resolve("alerts.yml"), Files.readString(RULES).replaceAll("for: \\S+", "for: 5s"));
        Files.writeString(prometheusHome.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 2s
                  scrape_timeout: 2s
                  evaluation_interval: 1s
                rule_files: [alerts.yml]
                scrape_configs:
                  - job_name: emporium-query
                    metrics_path: /actuator/prometheus
                    authorization:
                      type: Bearer
                      credentials_file: token
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(service.port));
        int port = ServiceProcess.freePort();
        prometheusUrl = "http://127.0.0.1:" + port;
        prometheus = new ProcessBuilder(binary, "--config.file=prometheus.yml", "--storage.tsdb.path=data",
                "--web.listen-address=127.0.0.1:" + port).directory(prometheusHome.toFile()).redirectErrorStream(true)
                .redirectOutput(prometheusHome.resolve("prometheus.log").toFile()).start();
        await("Prometheus scrapes the query service").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> prometheus("/api/v1/query?query=up").at("/data/result/0/value/1").asText().equals("1"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (prometheus != null) {
            prometheus.destroy();
            prometheus.waitFor();
        }
        if (service != null) service.close();
        if (proxy != null) proxy.close();
    }

    @Test
    void aProjectionHeldUpByAnElasticsearchOutageFiresTheStalledAlertWhichResolvesWhenItCatchesUp() throws Exception {
        Map<String, Long> versions = new HashMap<>();
        for (int i = 0; i < 5; i++) create(versions, "before-" + i);
        service.awaitProducts(versions, Duration.ofSeconds(30));
        assertThat(stalledAlert()).as("no alert while the projection keeps up").isNull();
        String processor = service.projection("products").get("generation").asText();
        await("Axon's own meters of the products processor scraped").atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode series = prometheus("/api/v1/series?match[]=" + QueryService.encode("{__name__=~\"eventProcessor_.+\"}")).path("data");
            return java.util.stream.StreamSupport.stream(series.spliterator(), false)
                    .anyMatch(s -> s.toString().contains("\"products-g" + processor + "\""));
        });

        proxy.cut();
        for (int i = 0; i < 10; i++) create(versions, "during-" + i);
        JsonNode firing = diagnosed(() -> await("EmporiumProjectionStalled firing for products").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1)).until(ProjectionAlertIT::stalledAlert, alert -> alert != null
                        && alert.path("state").asText().equals("firing")));
        assertThat(firing.at("/labels/severity").asText()).isEqualTo("critical");
        assertThat(firing.at("/annotations/summary").asText()).isEqualTo("Projection products is stalled on 127.0.0.1:" + service.port);

        assertThat(prometheus("/api/v1/query?query=min_over_time(up[10m])").at("/data/result/0/value/1").asText())
                .as("every scrape answered while Elasticsearch was away (the metrics are needed most then)").isEqualTo("1");

        proxy.restore();
        service.awaitProducts(versions, Duration.ofSeconds(120));
        diagnosed(() -> {
            await("the alert resolved").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> stalledAlert() == null && scrapeHealthy()); // not resolved for want of a scrape
            return null;
        });
    }

    /** A wait whose failure tells what Prometheus and the service saw. */
    private static <T> T diagnosed(java.util.concurrent.Callable<T> wait) throws Exception {
        try {
            return wait.call();
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "\nPrometheus' target: " + prometheus("/api/v1/targets").at("/data/activeTargets/0")
                    + "\nstalled as scraped: " + prometheus("/api/v1/query?query=emporium_projection_stalled").at("/data/result")
                    + "\nlongest scrape: " + prometheus("/api/v1/query?query=max_over_time(scrape_duration_seconds[10m])").at("/data/result")
                    + "\nalerts: " + prometheus("/api/v1/alerts").at("/data/alerts")
                    + "\nthe service's view: " + service.projection("products"), e);
        }
    }

    /** The stalled alert of the products projection as Prometheus holds it (pending or firing), or null. */
    private static JsonNode stalledAlert() throws IOException, InterruptedException {
        for (JsonNode alert : prometheus("/api/v1/alerts").at("/data/alerts")) {
            if (alert.at("/labels/alertname").asText().equals("EmporiumProjectionStalled")
                    && alert.at("/labels/projection").asText().equals("products")) return alert;
        }
        return null;
    }

    private static boolean scrapeHealthy() throws IOException, InterruptedException {
        JsonNode target = prometheus("/api/v1/targets").at("/data/activeTargets/0");
        return target.path("health").asText().equals("up");
    }

    private static JsonNode prometheus(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(prometheusUrl + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return QueryService.JSON.readTree(answer.body());
    }

    private static void create(Map<String, Long> versions, String id) {
        versions.put(id, events.product(id, new ProductCreatedEvent(id, "SKU-" + id, "Product " + id, "", "test",
                new Money(new BigDecimal("10.00"), "EUR"), 5, CatalogueDetails.NONE)));
    }
}
