package io.emporium.query.it;

import static org.awaitility.Awaitility.await;
import static io.emporium.query.it.QueryService.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emporium.api.Money;
import io.emporium.api.product.CatalogueDetails;
import io.emporium.api.product.ProductCreatedEvent;
import io.emporium.api.product.ProductPriceChangedEvent;
import io.emporium.query.cache.DocumentCache;
import io.emporium.testsupport.CuttableProxy;
import io.emporium.testsupport.TestDatabase;
import io.emporium.testsupport.TestServices;
import io.emporium.testsupport.TestTokens;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The query service with a real Redis: product reads from the version-stamped cache, rate limits shared by two
 * instances (per token subject), and both going on without Redis (reached through a proxy the test cuts).
 */
class SharedRedisIT {

    private static final Money PRICE = new Money(new BigDecimal("10.00"), "EUR");

    private static RedisClient redisClient;
    private static StatefulRedisConnection<String, String> redisConnection;
    private static RedisCommands<String, String> redis;
    private static CuttableProxy toRedis;
    private static TestDatabase database;
    private static String indexPrefix;
    private static String keyPrefix;
    private static QueryService first;
    private static QueryService second;

    @BeforeAll
    static void start() throws Exception {
        redisClient = RedisClient.create(TestServices.redisUrl());
        redisConnection = redisClient.connect();
        redis = redisConnection.sync();
        URI redisAddress = URI.create(TestServices.redisUrl().replaceFirst("^rediss?", "http"));
        toRedis = new CuttableProxy(redisAddress.getHost(), redisAddress.getPort());
        database = QueryService.databaseWithEventStore();
        indexPrefix = TestServices.newIndexPrefix();
        keyPrefix = TestServices.newRedisKeyPrefix();
        String[] settings = {"emporium.redis.url=redis://127.0.0.1:" + toRedis.port(), "emporium.redis.key-prefix=" + keyPrefix,
                "emporium.redis.retry-after=1s",
                "emporium.rate-limits.authenticated.per-second=1", "emporium.rate-limits.authenticated.burst=8"};
        first = QueryService.start(database, indexPrefix, settings);
        second = QueryService.start(database, indexPrefix, settings);
    }

    @AfterAll
    static void stop() throws Exception {
        if (second != null) second.close();
        if (first != null) first.close();
        if (toRedis != null) toRedis.close();
        if (redisConnection != null) {
            List<String> keys = redis.keys(keyPrefix + "*");
            if (!keys.isEmpty()) redis.del(keys.toArray(String[]::new));
            redisConnection.close();
        }
        if (redisClient != null) redisClient.shutdown();
    }

    @Test
    void productReadsComeFromTheCacheThatTheProjectionKeepsCurrent() {
        first.events().product("cached", new ProductCreatedEvent("cached", "SKU-CA", "Cached Cup", "", "kitchen", PRICE, 3, CatalogueDetails.NONE));
        first.awaitProducts(Map.of("cached", 0L), Duration.ofSeconds(30));
        String key = keyPrefix + "doc:" + indexPrefix + "products_v1:cached";
        await("the projection to cache version 0").atMost(Duration.ofSeconds(10)).until(() -> "0".equals(redis.hget(key, "v")));

        // what Redis holds is what a read answers: a marked entry shows it came from there, on either instance
        redis.hset(key, "d", marked(redis.hget(key, "d"), "Cached Cup (from Redis)"));
        assertThat(json(first.get("/api/products/cached")).get("name").asText()).isEqualTo("Cached Cup (from Redis)");
        assertThat(json(second.get("/api/products/cached")).get("name").asText()).isEqualTo("Cached Cup (from Redis)");
        assertThat(json(first.get("/api/products/cached", "Cache-Control", "no-cache")).get("name").asText())
                .as("no-cache reads the index").isEqualTo("Cached Cup");

        // a newer version replaces the entry once its bulk request succeeded; a read for it never gets the old one
        first.events().product("cached", new ProductPriceChangedEvent("cached", new Money(new BigDecimal("12.00"), "EUR")));
        HttpResponse<String> newer = second.get("/api/products/cached?minVersion=1");
        assertThat(newer.statusCode()).isEqualTo(200);
        assertThat(json(newer).get("version").asLong()).isEqualTo(1);
        assertThat(json(newer).get("name").asText()).isEqualTo("Cached Cup");
        await("the projection to cache version 1").atMost(Duration.ofSeconds(10)).until(() -> "1".equals(redis.hget(key, "v")));
        assertThat(redis.pttl(key)).as("every entry expires").isPositive();

        // a read that misses fills the entry in from Elasticsearch
        redis.del(key);
        assertThat(first.get("/api/products/cached").statusCode()).isEqualTo(200);
        assertThat(redis.hget(key, "v")).isEqualTo("1");
    }

    @Test
    void theCacheNeverGoesBackInTime() {
        DocumentCache cache = first.bean(DocumentCache.class);
        String index = indexPrefix + "products_v1";
        String key = keyPrefix + "doc:" + index + ":timeline";
        cache.stored(List.of(new DocumentCache.Entry(index, "timeline", 5, Map.of("name", "five"))));
        assertThat(redis.hget(key, "v")).isEqualTo("5");

        cache.stored(List.of(new DocumentCache.Entry(index, "timeline", 4, Map.of("name", "four"))));
        cache.offer(index, "timeline", 4, Map.of("name", "four"));
        cache.offer(index, "timeline", 5, Map.of("name", "five, read before the projection rewrote it"));
        assertThat(redis.hmget(key, "v", "d").stream().map(value -> value.getValue()).toList())
                .as("an older version never replaces a newer one; a read's copy never replaces the projection's")
                .containsExactly("5", "{\"name\":\"five\"}");

        cache.stored(List.of(new DocumentCache.Entry(index, "timeline", 5, Map.of("name", "five, a late field"))));
        assertThat(redis.hget(key, "d")).as("the projection may complete its own version").isEqualTo("{\"name\":\"five, a late field\"}");

        // Redis forgot the script (a restart, a fail-over): it is loaded again and the write still happens
        redis.scriptFlush();
        cache.offer(index, "timeline", 6, Map.of("name", "six"));
        assertThat(redis.hget(key, "v")).isEqualTo("6");
    }

    @Test
    void rateLimitsAreSharedByEveryInstanceAndKeepWorkingWithoutRedis() throws Exception {
        first.events().product("limited", new ProductCreatedEvent("limited", "SKU-LI", "Limited Lamp", "", "light", PRICE, 1, CatalogueDetails.NONE));
        first.awaitProducts(Map.of("limited", 0L), Duration.ofSeconds(30));
        String shopper = TestTokens.customer("limited-shopper");

        long started = System.nanoTime();
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (int i = 0; i < 16; i++) answers.add((i % 2 == 0 ? first : second).send("GET", "/api/products/limited", shopper));
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds() + 1;
        long allowed = answers.stream().filter(answer -> answer.statusCode() == 200).count();
        assertThat(allowed).as("one bucket of 8 for both instances, refilled at 1/s").isBetween(8L, 8L + seconds);
        HttpResponse<String> refused = answers.get(answers.size() - 1);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(refused.headers().firstValue("RateLimit-Limit")).hasValue("8");
        assertThat(refused.headers().firstValue("RateLimit-Remaining")).hasValue("0");
        assertThat(answers.get(0).headers().firstValue("RateLimit-Remaining")).hasValue("7");
        assertThat(first.get("/actuator/health").statusCode()).as("health is never limited").isEqualTo(200);

        // Redis goes away: reads go on from Elasticsearch, each instance limits on its own, health tells
        toRedis.cut();
        List<Integer> withoutRedis = new ArrayList<>();
        for (int i = 0; i < 10; i++) withoutRedis.add(first.send("GET", "/api/products/limited", shopper).statusCode());
        assertThat(withoutRedis).as("answers without Redis").doesNotContain(500, 502, 503).contains(200, 429);
        assertThat(withoutRedis.subList(0, 8)).as("the first 8 from a full local bucket").containsOnly(200);
        JsonNode health = json(first.asAdmin("GET", "/actuator/health"));
        assertThat(health.at("/components/redis/status").asText()).isEqualTo("DEGRADED");
        assertThat(first.asAdmin("GET", "/actuator/health").statusCode()).isEqualTo(200);
        assertThat(first.asAdmin("GET", "/actuator/prometheus").body()).as("what the Redis alert watches").contains("emporium_redis_degraded 1.0");

        toRedis.restore();
        await("Redis to be UP again in health").atMost(Duration.ofSeconds(30)).until(
                () -> "UP".equals(json(first.asAdmin("GET", "/actuator/health")).at("/components/redis/status").asText()));
        assertThat(first.asAdmin("GET", "/actuator/prometheus").body()).contains("emporium_redis_degraded 0.0");
    }

    private static String marked(String document, String name) {
        try {
            ObjectNode tree = (ObjectNode) QueryService.JSON.readTree(document);
            tree.put("name", name);
            return QueryService.JSON.writeValueAsString(tree);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
