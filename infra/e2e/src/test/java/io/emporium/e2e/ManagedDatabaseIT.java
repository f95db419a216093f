package io.emporium.e2e;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.emporium.testsupport.PrivatePostgres;
import io.emporium.testsupport.ServiceProcess;
import io.emporium.testsupport.TestServices;
import org.junit.jupiter.api.Test;

/**
 * Both services against a PostgreSQL that behaves like a managed one: TLS only, verified ({@code verify-full} with
 * the CA file), password logins, the query service's state in a database of its own; then a fail-over (the server
 * stops, connections drop, it is back seconds later) under a steady load of commands: it costs retries, not a restart,
 * and nothing answered 2xx is lost.
 */
class ManagedDatabaseIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void servicesUseVerifiedTlsAndRideOutAFailoverWithoutLosingAnything() throws Exception {
        try (PrivatePostgres postgres = PrivatePostgres.startWithTls()) {
            assertThatThrownBy(() -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgres.port()
                    + "/emporium?sslmode=disable", "emporium_command", postgres.commandPassword()).close())
                    .as("a connection without TLS is refused").hasMessageContaining("no encryption");

            Map<String, String> env = new HashMap<>();
            env.put("EMPORIUM_DB_HOST", "127.0.0.1");
            env.put("EMPORIUM_DB_PORT", Integer.toString(postgres.port()));
            env.put("EMPORIUM_DB_NAME", "emporium");
            env.put("EMPORIUM_QUERY_DB_NAME", "emporium_query");
            env.put("EMPORIUM_DB_SSLMODE", "verify-full");
            env.put("EMPORIUM_DB_SSLROOTCERT", postgres.caFile().toString());
            env.put("EMPORIUM_COMMAND_DB_PASSWORD", postgres.commandPassword());
            env.put("EMPORIUM_QUERY_DB_PASSWORD", postgres.queryPassword());
            env.putAll(TestServices.elasticsearchEnvironment(TestServices.elasticsearchUrl()));
            env.put("EMPORIUM_ES_INDEX_PREFIX", TestServices.newIndexPrefix());
            env.putAll(Stack.identityEnvironment());
            env.put("EMPORIUM_RATE_LIMIT_ANONYMOUS", "0");
            env.put("EMPORIUM_RATE_LIMIT_AUTHENTICATED", "0");
            try (ServiceProcess command = ServiceProcess.start("command", "emporium.commandJar", "EMPORIUM_COMMAND_PORT", env);
                 ServiceProcess query = ServiceProcess.start("query", "emporium.queryJar", "EMPORIUM_QUERY_PORT", env)) {
                command.awaitHealthy(Duration.ofSeconds(120));
                query.awaitHealthy(Duration.ofSeconds(120));
                long commandPid = command.pid();
                long queryPid = query.pid();

                assertThat(Long.parseLong(postgres.psql("postgres", "SELECT count(*) FROM pg_stat_ssl JOIN pg_stat_activity USING (pid)"
                        + " WHERE usename LIKE 'emporium%'"))).as("the services' connections").isPositive();
                assertThat(postgres.psql("postgres", "SELECT count(*) FROM pg_stat_ssl JOIN pg_stat_activity USING (pid)"
                        + " WHERE usename LIKE 'emporium%' AND NOT ssl")).as("connections without TLS").isEqualTo("0");

                // a steady load of creates; halfway, the server goes away for 3 s and comes back
                Set<String> created = ConcurrentHashMap.newKeySet();
                Set<Integer> statuses = ConcurrentHashMap.newKeySet();
                AtomicBoolean running = new AtomicBoolean(true);
                ExecutorService clients = Executors.newFixedThreadPool(4);
                for (int c = 0; c < 4; c++) {
                    int client = c;
                    clients.submit(() -> {
                        for (int i = 0; running.get(); i++) {
                            HttpResponse<String> answer = create("SKU-FO-" + client + "-" + i, command);
                            statuses.add(answer.statusCode());
                            if (answer.statusCode() == 201) created.add(JSON.readTree(answer.body()).get("productId").asText());
                            if (answer.statusCode() == 503) Thread.sleep(200);
                        }
                        return null;
                    });
                }
                Thread.sleep(4_000);
                int before = created.size();
                postgres.restart(3_000);
                Thread.sleep(6_000);
                running.set(false);
                clients.shutdown();
                assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

                assertThat(statuses).as("answers during the fail-over").isSubsetOf(201, 503).contains(201);
                assertThat(created.size()).as("creates after the server came back").isGreaterThan(before);
                assertThat(command.pid()).isEqualTo(commandPid);
                assertThat(query.pid()).isEqualTo(queryPid);
                assertThat(health(command)).as("command service health").isEqualTo(200);

                // every create answered 201 is stored, and reaches the read model through the reconnected processors
                List<String> stored = List.of(postgres.psql("emporium",
                        "SELECT aggregate_identifier FROM command.domain_event_entry WHERE sequence_number = 0 AND type = 'Product'").split("\n"));
                assertThat(stored).containsAll(created);
                List<String> missing = new ArrayList<>(created);
                await("every created product in the read model").atMost(Duration.ofSeconds(90)).until(() -> {
                    missing.removeIf(id -> get(query.url("/api/products/" + id)) == 200);
                    return missing.isEmpty();
                });
            }
        }
    }

    private HttpResponse<String> create(String sku, ServiceProcess command) throws Exception {
        String body = "{\"sku\":\"" + sku + "\",\"name\":\"Failover Fork\",\"description\":\"\",\"category\":\"kitchen\","
                + "\"price\":3.50,\"initialStock\":5}";
        return http.send(HttpRequest.newBuilder(URI.create(command.url("/api/products")))
                .header("Content-Type", "application/json").header("Authorization", Stack.clientAuthorization())
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private int get(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private int health(ServiceProcess service) {
        return get(service.url("/actuator/health"));
    }
}
