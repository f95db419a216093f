package io.emporium.query.it;

import static io.emporium.query.it.QueryService.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.emporium.api.Money;
import io.emporium.api.product.CatalogueDetails;
import io.emporium.api.product.ProductCreatedEvent;
import io.emporium.api.product.ProductDiscontinuedEvent;
import io.emporium.testsupport.PrivateRedis;
import io.emporium.testsupport.TestTokens;
import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Baskets in a Redis of their own (an append-only file, as the stack's): versions that keep two tabs from overwriting
 * each other, refusals that change nothing, idle expiry, and baskets kept across a {@code kill -9} of Redis, during
 * which baskets answer 503 and product reads go on.
 */
class BasketIT {

    private static final Money PRICE = new Money(new BigDecimal("12.50"), "EUR");
    private static final Duration IDLE_EXPIRY = Duration.ofSeconds(6);

    private static PrivateRedis redis;
    private static QueryService service;
    private static String keyPrefix;

    @BeforeAll
    static void start() throws Exception {
        redis = PrivateRedis.startWithAppendOnlyFile();
        keyPrefix = "basket-it:";
        service = QueryService.startOnFreshStore("emporium.redis.url=" + redis.url(), "emporium.redis.key-prefix=" + keyPrefix,
                "emporium.redis.retry-after=1s", "emporium.basket.idle-expiry=" + IDLE_EXPIRY.toSeconds() + "s",
                "emporium.basket.max-lines=3");
        long mug = service.events().product("mug", new ProductCreatedEvent("mug", "SKU-MUG", "Enamel mug", "", "kitchen", PRICE, 5, CatalogueDetails.NONE));
        long kettle = service.events().product("kettle", new ProductCreatedEvent("kettle", "SKU-KET", "Kettle", "", "kitchen",
                new Money(new BigDecimal("30.00"), "EUR"), 2, CatalogueDetails.NONE));
        service.events().product("gone", new ProductCreatedEvent("gone", "SKU-GONE", "Old lamp", "", "light", PRICE, 1, CatalogueDetails.NONE));
        long gone = service.events().product("gone", new ProductDiscontinuedEvent("gone"));
        for (String product : new String[] {"a", "b", "c"}) {
            service.events().product(product, new ProductCreatedEvent(product, "SKU-" + product, "Thing " + product, "", "misc", PRICE, 9, CatalogueDetails.NONE));
        }
        service.awaitProducts(Map.of("mug", mug, "kettle", kettle, "gone", gone), Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) service.close();
        if (redis != null) redis.close();
    }

    @Test
    void aChangeAppliesToTheVersionShownAndAStaleOneIsRefusedUnchanged() {
        String customer = TestTokens.customer("c-tabs-" + UUID.randomUUID());
        HttpResponse<String> empty = service.send("GET", "/api/basket", customer, null);
        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(empty.headers().firstValue("ETag")).hasValue("\"0\"");

        HttpResponse<String> first = setLine(customer, "mug", 2, "\"0\"");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        JsonNode basket = json(first);
        assertThat(basket.path("version").asLong()).isEqualTo(1);
        assertThat(basket.path("lines").get(0).path("name").asText()).isEqualTo("Enamel mug");
        assertThat(basket.path("lines").get(0).path("availability").asText()).isEqualTo("AVAILABLE");
        assertThat(new BigDecimal(basket.path("total").asText())).isEqualByComparingTo("25.00");

        // the other tab still shows version 0
        HttpResponse<String> stale = setLine(customer, "kettle", 1, "\"0\"");
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(json(stale).path("currentVersion").asLong()).isEqualTo(1);
        assertThat(setLine(customer, "kettle", 1, null).statusCode()).as("without If-Match").isEqualTo(428);
        assertThat(lines(customer)).containsExactly("mug x2");

        assertThat(setLine(customer, "kettle", 1, "\"1\"").statusCode()).isEqualTo(200);
        assertThat(setLine(customer, "mug", 0, "\"2\"").statusCode()).as("0 removes the line").isEqualTo(200);
        assertThat(lines(customer)).containsExactly("kettle x1");
        HttpResponse<String> emptied = service.send("DELETE", "/api/basket", customer, null, "If-Match", "\"3\"");
        assertThat(emptied.statusCode()).isEqualTo(200);
        assertThat(json(emptied).path("lines")).isEmpty();
        assertThat(json(emptied).path("version").asLong()).as("emptying is a change too").isEqualTo(4);
        assertThat(setLine(customer, "mug", 1, "\"0\"").statusCode()).as("a tab that shows the basket of before").isEqualTo(412);
    }

    @Test
    void unknownDiscontinuedTooManyAndWrongInputChangeNothing() {
        String customer = TestTokens.customer("c-refused-" + UUID.randomUUID());
        assertThat(setLine(customer, "mug", 1, "\"0\"").statusCode()).isEqualTo(200);
        assertThat(setLine(customer, "nothing-like-it", 1, "\"1\"").statusCode()).isEqualTo(404);
        HttpResponse<String> discontinued = setLine(customer, "gone", 1, "\"1\"");
        assertThat(discontinued.statusCode()).isEqualTo(422);
        assertThat(json(discontinued).path("title").asText()).isEqualTo("Discontinued product");
        assertThat(setLine(customer, "mug", 1001, "\"1\"").statusCode()).isEqualTo(400);
        assertThat(setLine(customer, "mug", -1, "\"1\"").statusCode()).isEqualTo(400);
        assertThat(setLine(customer, "a", 1, "\"1\"").statusCode()).isEqualTo(200);
        assertThat(setLine(customer, "b", 1, "\"2\"").statusCode()).isEqualTo(200);
        HttpResponse<String> full = setLine(customer, "c", 1, "\"3\"");
        assertThat(full.statusCode()).isEqualTo(422);
        assertThat(json(full).path("title").asText()).isEqualTo("Basket full");
        assertThat(lines(customer)).containsExactly("mug x1", "a x1", "b x1");
        assertThat(json(service.send("GET", "/api/basket", customer, null)).path("version").asLong()).isEqualTo(3);
    }

    @Test
    void onlyACustomerHasABasket() {
        assertThat(service.send("GET", "/api/basket", null, null).statusCode()).isEqualTo(401);
        assertThat(service.send("GET", "/api/basket", TestTokens.token("m-1", java.util.List.of("merchant")), null).statusCode()).isEqualTo(403);
    }

    @Test
    void anIdleBasketExpires() {
        String customer = TestTokens.customer("c-idle-" + UUID.randomUUID());
        assertThat(setLine(customer, "mug", 1, "\"0\"").statusCode()).isEqualTo(200);
        assertThat(lines(customer)).containsExactly("mug x1");
        await("the idle basket is gone").atMost(IDLE_EXPIRY.plusSeconds(5)).pollInterval(Duration.ofMillis(500))
                .until(() -> json(service.send("GET", "/api/basket", customer, null)).path("lines").isEmpty());
    }

    @Test
    void basketsOutliveAKilledRedisAndAnswer503MeanwhileWhileProductsAreStillRead() throws Exception {
        String customerId = "c-restart-" + UUID.randomUUID();
        String customer = TestTokens.customer(customerId);
        assertThat(setLine(customer, "kettle", 2, "\"0\"").statusCode()).isEqualTo(200);
        Thread.sleep(1500); // the append-only file is forced to disk every second
        redis.killHard();
        try {
            await("baskets answer 503").atMost(Duration.ofSeconds(10)).until(() -> service.send("GET", "/api/basket", customer, null).statusCode() == 503);
            HttpResponse<String> away = service.send("GET", "/api/basket", customer, null);
            assertThat(away.headers().firstValue("Retry-After")).isPresent();
            assertThat(setLine(customer, "mug", 1, "\"1\"").statusCode()).isEqualTo(503);
            assertThat(service.get("/api/products/mug").statusCode()).as("product reads go on without Redis").isEqualTo(200);
            assertThat(service.get("/api/products/search?q=kettle").statusCode()).isEqualTo(200);
        } finally {
            redis.restart();
        }
        await("the basket is back").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                .until(() -> service.send("GET", "/api/basket", customer, null).statusCode() == 200);
        assertThat(lines(customer)).containsExactly("kettle x2");
        assertThat(json(service.send("GET", "/api/basket", customer, null)).path("version").asLong()).isEqualTo(1);
        // and the basket still expires when idle: its time to live came back with it
        RedisClient client = RedisClient.create(redis.url());
        try {
            long ttl = client.connect().sync().pttl(keyPrefix + "basket:" + customerId);
            assertThat(ttl).isPositive().isLessThanOrEqualTo(IDLE_EXPIRY.toMillis());
        } finally {
            client.shutdown();
        }
    }

    private static HttpResponse<String> setLine(String customer, String product, int quantity, String ifMatch) {
        String[] headers = ifMatch == null ? new String[0] : new String[] {"If-Match", ifMatch};
        return service.send("PUT", "/api/basket/lines/" + product, customer, "{\"quantity\":" + quantity + "}", headers);
    }

    private static java.util.List<String> lines(String customer) {
        java.util.List<String> lines = new java.util.ArrayList<>();
        json(service.send("GET", "/api/basket", customer, null)).path("lines")
                .forEach(line -> lines.add(line.path("productId").asText() + " x" + line.path("quantity").asInt()));
        return lines;
    }

}
