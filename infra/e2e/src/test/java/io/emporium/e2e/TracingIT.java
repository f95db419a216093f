package io.emporium.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emporium.testsupport.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real trace collector, Zipkin's server (EMPORIUM_TEST_ZIPKIN_JAR), and the stack pointed at it with Spring Boot's own
 * properties: an order placed over HTTP is one trace, under the trace id of the client's {@code traceparent}, with spans
 * of both services (the HTTP request, the command's handling, the saga, the query service's projection of its events
 * and the bulk request to Elasticsearch). Axon makes each processor batch a trace of its own, linked to these.
 */
class TracingIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Process zipkin;
    private static String zipkinUrl;
    private static Path zipkinLog;
    private static Stack stack;

    @BeforeAll
    static void start() throws Exception {
        String jar = System.getenv("EMPORIUM_TEST_ZIPKIN_JAR");
        assertThat(jar).as("EMPORIUM_TEST_ZIPKIN_JAR (infra/emporium test fetches Zipkin's server and sets it)").isNotBlank();
        int port = ServiceProcess.freePort();
        zipkinUrl = "http://127.0.0.1:" + port;
        zipkinLog = Files.createTempFile("zipkin", ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar).redirectErrorStream(true).redirectOutput(zipkinLog.toFile());
        builder.environment().put("QUERY_PORT", Integer.toString(port));
        builder.environment().put("STORAGE_TYPE", "mem");
        zipkin = builder.start();
        await("Zipkin's server answers").atMost(Duration.ofSeconds(90)).ignoreExceptions()
                .until(() -> HTTP.send(HttpRequest.newBuilder(URI.create(zipkinUrl + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
        stack = Stack.start(Map.of("MANAGEMENT_TRACING_ENABLED", "true", "MANAGEMENT_TRACING_SAMPLING_PROBABILITY", "1.0",
                "MANAGEMENT_ZIPKIN_TRACING_ENDPOINT", zipkinUrl + "/api/v2/spans",
                // structured logs, and a line per request (Spring's dispatcher at DEBUG) to see them carry the trace
                "LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs", "LOGGING_LEVEL_ORG_SPRINGFRAMEWORK_WEB_SERVLET", "DEBUG"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (stack != null) stack.close();
        if (zipkin != null) {
            zipkin.destroy();
            zipkin.waitFor();
        }
        if (zipkinLog != null) new File(zipkinLog.toString()).delete();
    }

    @Test
    void anOrderPlacedOverHttpIsOneTraceAcrossBothServicesUnderTheClientsTraceId() throws Exception {
        String product = JSON.readTree(send(stack.command, "POST", "/api/products", "{\"sku\":\"TRACE-1\",\"name\":\"Traced Lamp\","
                + "\"description\":\"\",\"category\":\"light\",\"price\":20.00,\"initialStock\":5}", null).body()).path("productId").asText();
        await("the product in the read model").atMost(Duration.ofSeconds(30)).until(() -> stack.query.send(
                HttpRequest.newBuilder(URI.create(stack.query.url("/api/products/" + product))).build()).statusCode() == 200);

        String traceId = hex(32);
        String traceparent = "00-" + traceId + "-" + hex(16) + "-01";
        HttpResponse<String> placed = send(stack.command, "POST", "/api/orders",
                "{\"lines\":[{\"productId\":\"" + product + "\",\"quantity\":1}]}", traceparent);
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(202);
        String order = JSON.readTree(placed.body()).path("orderId").asText();
        await("the order confirmed in the read model").atMost(Duration.ofSeconds(60)).until(() -> JSON.readTree(stack.query.send(
                HttpRequest.newBuilder(URI.create(stack.query.url("/api/orders/" + order))).header("Authorization", Stack.clientAuthorization())
                        .build()).body()).path("status").asText().equals("CONFIRMED"));

        JsonNode trace = await("the trace in Zipkin with spans of both services").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2))
                .ignoreExceptions().until(() -> trace(traceId), spans -> services(spans).containsAll(List.of("emporium-command", "emporium-query"))
                        && names(spans).stream().anyMatch(n -> n.contains("bulk")) && names(spans).stream().anyMatch(n -> n.contains("saga")));
        Set<String> names = names(trace);
        assertThat(names).as("the HTTP request").anyMatch(n -> n.startsWith("http post"));
        assertThat(names).as("the command's dispatch and handling").anyMatch(n -> n.contains("placeordercommand"));
        assertThat(names).as("the saga").anyMatch(n -> n.contains("saga"));
        assertThat(spansOf(trace, "emporium-query")).as("the query service's projection of the events")
                .anyMatch(n -> n.startsWith("streamingeventprocessor.process"))
                .as("its bulk request to Elasticsearch").anyMatch(n -> n.contains("bulk"));
        for (JsonNode span : trace) assertThat(span.path("traceId").asText()).isEqualTo(traceId);
    }

    @Test
    void withEcsLogsEveryLineOfAnApiRequestCarriesItsTraceId() throws Exception {
        String traceId = hex(32);
        HttpResponse<String> created = send(stack.command, "POST", "/api/products", "{\"sku\":\"TRACE-2\",\"name\":\"Logged Lamp\","
                + "\"description\":\"\",\"category\":\"light\",\"price\":20.00,\"initialStock\":1}", "00-" + traceId + "-" + hex(16) + "-01");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        JsonNode completed = await("the request's own line").atMost(Duration.ofSeconds(10)).until(() -> ecsLines(stack.command).stream()
                .filter(line -> traceId.equals(field(line, "traceId")) && field(line, "message").startsWith("Completed 201")).findFirst()
                .orElse(null), java.util.Objects::nonNull);
        assertThat(field(completed, "service.name")).isEqualTo("emporium-command");
        assertThat(field(completed, "customerId")).as("the customer the token acts for").isEqualTo(Stack.customer());
        for (ServiceProcess service : List.of(stack.command, stack.query)) {
            List<JsonNode> requestLines = apiRequestLines(ecsLines(service));
            assertThat(requestLines).as("lines logged while handling API requests").isNotEmpty();
            assertThat(requestLines).as("each with its trace and span id").allMatch(line -> field(line, "traceId").length() == 32
                    && field(line, "spanId").length() == 16);
        }
    }

    /**
     * The lines of API requests: on a request's thread, from the dispatcher's "GET "/api/…"" to its "Completed …".
     * (Health probes that Tomcat answers while the service is still starting may carry no trace: not checked.)
     */
    private static List<JsonNode> apiRequestLines(List<JsonNode> lines) {
        Map<String, Boolean> inApiRequest = new java.util.HashMap<>();
        List<JsonNode> found = new java.util.ArrayList<>();
        for (JsonNode line : lines) {
            String thread = field(line, "process.thread.name");
            if (!thread.startsWith("http-nio")) continue;
            String message = field(line, "message");
            if (field(line, "log.logger").endsWith("DispatcherServlet") && message.matches("(GET|POST|PUT|PATCH|DELETE) \"/api/.*")) {
                inApiRequest.put(thread, true);
            }
            if (inApiRequest.getOrDefault(thread, false)) found.add(line);
            if (field(line, "log.logger").endsWith("DispatcherServlet") && message.startsWith("Completed ")) inApiRequest.put(thread, false);
        }
        return found;
    }

    /** An ECS field, written flat ("log.level") or nested ({"log":{"level":…}}). */
    private static String field(JsonNode line, String name) {
        return line.has(name) ? line.get(name).asText() : line.at("/" + name.replace('.', '/')).asText();
    }

    /** The service's log so far, each line a JSON document (a line that is not one fails the test). */
    private static List<JsonNode> ecsLines(ServiceProcess service) throws Exception {
        List<JsonNode> lines = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(service.logFile())) {
            if (line.isBlank()) continue;
            JsonNode document = JSON.readTree(line);
            assertThat(field(document, "ecs.version")).as("an ECS line: " + line).isNotEmpty();
            lines.add(document);
        }
        return lines;
    }

    private static HttpResponse<String> send(ServiceProcess service, String method, String path, String body, String traceparent) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.url(path))).header("Authorization", Stack.clientAuthorization())
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        if (traceparent != null) request.header("traceparent", traceparent);
        return service.send(request.build());
    }

    private static JsonNode trace(String traceId) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(zipkinUrl + "/api/v2/trace/" + traceId)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private static Set<String> services(JsonNode spans) {
        Set<String> services = new HashSet<>();
        spans.forEach(s -> services.add(s.at("/localEndpoint/serviceName").asText()));
        return services;
    }

    private static Set<String> spansOf(JsonNode spans, String service) {
        Set<String> names = new HashSet<>();
        spans.forEach(s -> {
            if (s.at("/localEndpoint/serviceName").asText().equals(service)) names.add(s.path("name").asText().toLowerCase());
        });
        return names;
    }

    private static Set<String> names(JsonNode spans) {
        Set<String> names = new HashSet<>();
        spans.forEach(s -> names.add(s.path("name").asText().toLowerCase()));
        return names;
    }

    private static String hex(int digits) {
        StringBuilder hex = new StringBuilder();
        while (hex.length() < digits) hex.append(Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE));
        return hex.substring(0, digits);
    }
}
