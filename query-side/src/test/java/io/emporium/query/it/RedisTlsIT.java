package io.emporium.query.it;

import static org.awaitility.Awaitility.await;
import static io.emporium.query.it.QueryService.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

import io.emporium.api.Money;
import io.emporium.api.product.CatalogueDetails;
import io.emporium.api.product.ProductCreatedEvent;
import io.emporium.api.product.StockAddedEvent;
import io.emporium.query.cache.DocumentCache;
import io.emporium.testsupport.PrivateRedis;
import io.emporium.testsupport.TestDatabase;
import io.emporium.testsupport.TestServices;
import org.junit.jupiter.api.Test;

/**
 * The query service with a Redis as a managed one is reached: TLS verified against a CA file, an ACL user that may
 * touch only keys of its prefix. A wrong password does not stop the service: health says Redis is DEGRADED.
 */
class RedisTlsIT {

    private static final String USER = "emporium";

    @Test
    void cachesOverVerifiedTlsWithAnAclUserAndGoesOnWhenRefused() throws Exception {
        String keyPrefix = TestServices.newRedisKeyPrefix();
        try (PrivateRedis redis = PrivateRedis.startWithTls(USER, keyPrefix)) {
            TestDatabase database = QueryService.databaseWithEventStore();
            String indexPrefix = TestServices.newIndexPrefix();
            try (QueryService service = QueryService.start(database, indexPrefix, "emporium.redis.url=" + redis.url(USER),
                    "emporium.redis.ca-file=" + redis.caFile(), "emporium.redis.key-prefix=" + keyPrefix)) {
                service.events().product("tls", new ProductCreatedEvent("tls", "SKU-TLS", "Tinned Tea", "", "kitchen",
                        new Money(new BigDecimal("4.00"), "EUR"), 1, CatalogueDetails.NONE));
                service.awaitProducts(Map.of("tls", 0L), Duration.ofSeconds(30));

                await("Redis UP in health").atMost(Duration.ofSeconds(30)).until(
                        () -> "UP".equals(json(service.asAdmin("GET", "/actuator/health")).at("/components/redis/status").asText()));
                // an event projected once Redis is connected (the first may have come while the service fell back without it)
                long version = service.events().product("tls", new StockAddedEvent("tls", 2, 3, 0));
                service.awaitProducts(Map.of("tls", version), Duration.ofSeconds(30));
                DocumentCache cache = service.bean(DocumentCache.class);
                assertThat(cache.read(indexPrefix + "products_v1", "tls", ProductDocumentView.class, version))
                        .as("the projection's entry, read back over TLS").hasValueSatisfying(doc -> assertThat(doc.name()).isEqualTo("Tinned Tea"));
            }

            String refused = redis.url(USER).replaceFirst(":[^:@/]+@", ":not-the-password@");
            try (QueryService service = QueryService.start(database, TestServices.newIndexPrefix(), "emporium.redis.url=" + refused,
                    "emporium.redis.ca-file=" + redis.caFile(), "emporium.redis.key-prefix=" + keyPrefix)) {
                service.get("/api/products/tls"); // a read tries Redis
                await("Redis DEGRADED in health").atMost(Duration.ofSeconds(30)).until(
                        () -> "DEGRADED".equals(json(service.asAdmin("GET", "/actuator/health")).at("/components/redis/status").asText()));
                var health = json(service.asAdmin("GET", "/actuator/health"));
                assertThat(health.at("/components/redis/details/error").asText()).containsAnyOf("WRONGPASS", "NOAUTH", "invalid username-password");
                assertThat(service.get("/api/products/search?q=tea").statusCode()).as("search without Redis").isEqualTo(200);
            }
        }
    }

    /** The fields of a cached product this test reads. */
    record ProductDocumentView(String productId, String name, long version) {
    }
}
