package io.emporium.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.emporium.testsupport.ServiceProcess;
import io.emporium.testsupport.TestDatabase;
import io.emporium.testsupport.TestServices;
import io.emporium.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * Every phase of the benchmark on tiny sizes, against both service jars as processes, so that the benchmark code
 * cannot rot. It measures nothing worth quoting: the full run is {@code infra/emporium bench}.
 */
class BenchSmokeIT {

    @Test
    @SuppressWarnings("unchecked")
    void everyPhaseRunsAndReportsEveryFigure() throws Exception {
        TestDatabase database = TestServices.newDatabase();
        String prefix = TestServices.newIndexPrefix();
        Map<String, String> env = new HashMap<>(database.serviceEnvironment());
        env.putAll(TestServices.elasticsearchEnvironment(TestServices.elasticsearchUrl()));
        env.put("EMPORIUM_ES_INDEX_PREFIX", prefix);
        env.put("EMPORIUM_JWT_PUBLIC_KEY", TestTokens.publicKeyFile().toString());
        env.put("EMPORIUM_JWT_ISSUER_URI", TestTokens.ISSUER);
        // as infra/emporium bench runs it: Redis, and a rate limiter the clients cannot reach
        env.put("EMPORIUM_REDIS_URL", TestServices.redisUrl());
        env.put("EMPORIUM_REDIS_KEY_PREFIX", TestServices.newRedisKeyPrefix());
        env.put("EMPORIUM_RATE_LIMIT_ANONYMOUS", "1000000");
        env.put("EMPORIUM_RATE_LIMIT_ANONYMOUS_BURST", "1000000");
        env.put("EMPORIUM_RATE_LIMIT_AUTHENTICATED", "1000000");
        env.put("EMPORIUM_RATE_LIMIT_AUTHENTICATED_BURST", "1000000");
        try (ServiceProcess command = ServiceProcess.start("command", "emporium.commandJar", "EMPORIUM_COMMAND_PORT", env)) {
            command.awaitHealthy(Duration.ofSeconds(120)); // its migrations create the event table the query side reads
            Map<String, String> floorEnv = new HashMap<>(env);
            floorEnv.put("LOADER_MAIN", "io.emporium.bench.floor.FloorApplication");
            floorEnv.put("EMPORIUM_FLOOR_JDBC_URL", database.jdbcUrl());
            floorEnv.put("EMPORIUM_FLOOR_DB_USER", database.server().adminUser());
            floorEnv.put("EMPORIUM_FLOOR_DB_PASSWORD", database.server().adminPassword());
            try (ServiceProcess query = ServiceProcess.start("query", "emporium.queryJar", "EMPORIUM_QUERY_PORT", env);
                 ServiceProcess floor = ServiceProcess.start("floor", "emporium.benchJar", "EMPORIUM_FLOOR_PORT", floorEnv)) {
                query.awaitHealthy(Duration.ofSeconds(120));
                floor.awaitHealthy(Duration.ofSeconds(120));
                Map<String, String> options = new HashMap<>();
                options.put("quick", "true");
                options.put("seconds", "2");
                options.put("rebuild-products", "200");
                options.put("rebuild-events-per-product", "3");
                options.put("baseline-events", "100");
                options.put("freshness-rate", "20");
                options.put("command-url", command.url(""));
                options.put("query-url", query.url(""));
                options.put("es-url", TestServices.elasticsearchUrl());
                if (TestServices.elasticsearchLogin() != null) {
                    options.put("es-username", TestServices.elasticsearchLogin().username());
                    options.put("es-password", TestServices.elasticsearchLogin().password());
                }
                if (TestServices.elasticsearchCaFile() != null) options.put("es-ca-file", TestServices.elasticsearchCaFile());
                options.put("index-prefix", prefix);
                options.put("client-token", TestTokens.token("bench-customer", List.of("merchant", "customer")));
                options.put("admin-token", TestTokens.admin());
                options.put("db-host", database.server().host());
                options.put("db-port", Integer.toString(database.server().port()));
                options.put("pg-database", database.name());
                options.put("pg-user", database.server().adminUser());
                options.put("pg-password", database.server().adminPassword());
                options.put("command-jdbc-url", database.jdbcUrl());
                options.put("command-db-user", "emporium_command");
                options.put("command-db-password", database.server().commandPassword());
                options.put("command-pid", Long.toString(command.pid()));
                options.put("query-pid", Long.toString(query.pid()));
                options.put("floor-url", floor.url(""));
                options.put("floor-pid", Long.toString(floor.pid()));

                Map<String, Object> figures = BenchMain.bench(options);

                assertThat(figures).containsKeys("startedAt", "machine", "quick", "write", "rebuild", "verify", "freshness", "search", "reads", "footprint");
                Map<String, Object> verify = (Map<String, Object>) figures.get("verify");
                assertThat(((Number) verify.get("aggregates")).longValue()).as("verified aggregates (and those of the write step)").isGreaterThanOrEqualTo(200);
                assertThat(((Number) verify.get("differences")).longValue()).as("differences after the rebuild").isZero();
                Map<String, Object> writeFigures = (Map<String, Object>) figures.get("write");
                for (String key : List.of("ratio", "commandsPerSec", "pgInsertsPerSec", "floorRatio", "floorRequestsPerSec", "cpuMsPerCommand",
                        "commandServiceCpuMsPerCommand", "queryServiceCpuMsPerEvent", "recoverySeconds")) {
                    assertThat(((Number) writeFigures.get(key)).doubleValue()).as("write." + key).isNotNaN();
                }
                assertThat((Map<String, Object>) figures.get("rebuild")).containsKeys("ratio", "eventsPerSec", "esDocsPerSec", "speedupOverBatch1");
                assertThat(((Number) ((Map<String, Object>) figures.get("rebuild")).get("eventsPerSec")).doubleValue()).isPositive();
                Map<String, Object> freshness = (Map<String, Object>) figures.get("freshness");
                assertThat(freshness).containsKeys("p99MsAt50", "p99MsAt80", "rateAt50", "rateAt80");
                Map<String, Object> write = (Map<String, Object>) figures.get("write");
                // plausible, not just present: every command and floor request answered, and they cost something
                assertThat(((Number) write.get("failed")).longValue()).as("failed commands").isZero();
                assertThat(((Number) write.get("floorFailed")).longValue()).as("failed floor requests").isZero();
                assertThat(((Number) write.get("floorRequestsPerSec")).doubleValue()).isPositive();
                assertThat(((Number) write.get("cpuMsPerCommand")).doubleValue()).isPositive();
                assertThat(((Number) write.get("events")).longValue()).as("events the write step appended")
                        .isGreaterThanOrEqualTo(((Number) write.get("commandsPerSec")).longValue());
                // the orders-only step: every order answered, each appended its events
                Map<String, Object> orders = (Map<String, Object>) write.get("ordersOnly");
                assertThat(((Number) orders.get("failed")).longValue()).as("failed orders").isZero();
                assertThat(((Number) orders.get("commandsPerSec")).doubleValue()).as("orders/s").isPositive();
                assertThat(((Number) orders.get("events")).longValue()).as("events of the orders step")
                        .isGreaterThanOrEqualTo(((Number) orders.get("commandsPerSec")).longValue());
                assertThat(((Number) freshness.get("p99Ms")).doubleValue()).isPositive();
                // the query service's own ages of the live batches of that step: each event is older once indexed
                double handled = ((Number) freshness.get("handledP99Ms")).doubleValue();
                assertThat(handled).isPositive();
                assertThat(((Number) freshness.get("indexedP99Ms")).doubleValue()).isGreaterThanOrEqualTo(handled);
                assertThat((Map<String, Object>) figures.get("search")).containsKeys("p99Ratio", "serviceP99Ms", "directP99Ms",
                        "floorP99Ms", "p99OverFloor", "byClass");
                assertThat((Map<String, Object>) ((Map<String, Object>) figures.get("search")).get("byClass"))
                        .containsOnlyKeys("typo", "prefix", "filters", "facets", "sort", "attributes", "suggest");
                assertThat(((Number) ((Map<String, Object>) figures.get("search")).get("failed")).longValue()).isZero();
                Map<String, Object> reads = (Map<String, Object>) figures.get("reads");
                assertThat(((Number) ((Map<String, Object>) reads.get("fromElasticsearch")).get("failed")).longValue()).isZero();
                assertThat(((Number) ((Map<String, Object>) reads.get("throughRedis")).get("failed")).longValue()).isZero();
                assertThat(((Number) reads.get("hitRatio")).doubleValue()).as("hit ratio of reads after a warm-up").isGreaterThan(0.5);
                assertThat(reads.get("rateLimiterBuckets")).isEqualTo("redis");
                assertThat(((Number) reads.get("rateLimiterMicrosPerRequest")).doubleValue()).isPositive();
                assertThat((Map<String, Object>) figures.get("footprint")).containsKeys("commandHeapMaxMb", "queryHeapMaxMb");
                assertThat(((Number) ((Map<String, Object>) figures.get("footprint")).get("queryHeapMaxMb")).doubleValue()).isPositive();
                assertThat(Report.table(figures)).contains("write ratio", "rebuild ratio", "search p99 ratio", "cache hit ratio");

                // one tracing-cost step and its report (infra/emporium runs six, starting the services again between them)
                java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("tracing-steps");
                Map<String, String> step = new HashMap<>(options);
                step.put("label", "off");
                step.put("out", dir.resolve("1.json").toString());
                TracingCost.step(step);
                java.nio.file.Path out = dir.resolve("latest.json");
                TracingCost.report(Map.of("steps", step.get("out"), "out", out.toString()));
                Map<String, Map<String, Object>> tracing = (Map<String, Map<String, Object>>) Http.JSON.readValue(out.toFile(), Map.class).get("tracing");
                assertThat(tracing).containsOnlyKeys("off");
                assertThat(((Number) tracing.get("off").get("commandsPerSecOverOff")).doubleValue()).isEqualTo(1.0);
                assertThat(((Number) tracing.get("off").get("commandsPerSec")).doubleValue()).isPositive();
                assertThat(((Number) tracing.get("off").get("searchP99Ms")).doubleValue()).isPositive();
                assertThat(((Number) tracing.get("off").get("failed")).longValue()).as("failed commands and searches").isZero();
            }
        }
    }
}
