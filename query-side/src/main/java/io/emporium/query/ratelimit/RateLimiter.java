package io.emporium.query.ratelimit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.emporium.query.redis.SharedRedis;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * Token buckets (Bucket4j): in the shared Redis, so every instance counts against one limit, and per instance while
 * Redis is away (each instance then allows the limit on its own: a fallback, not the design).
 */
@Component
class RateLimiter {

    private final SharedRedis redis;
    private final Cache<String, Bucket> localBuckets = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(10)).build();
    private final Timer sharedCost;
    private final Timer localCost;
    private volatile StatefulRedisConnection<String, byte[]> proxiedConnection;
    private volatile ProxyManager<String> sharedBuckets;

    RateLimiter(SharedRedis redis, MeterRegistry meters) {
        this.redis = redis;
        this.sharedCost = cost(meters, "redis");
        this.localCost = cost(meters, "local");
    }

    private static Timer cost(MeterRegistry meters, String where) {
        return Timer.builder("emporium.rate.limit").tag("buckets", where)
                .description("time a request spends in the rate limiter").register(meters);
    }

    /** Takes one request from the client's bucket of that class. */
    ConsumptionProbe take(String client, RateLimitProperties.Limit limit) {
        long start = System.nanoTime();
        ProxyManager<String> shared = sharedBuckets();
        if (shared != null) {
            try {
                ConsumptionProbe probe = shared.builder().build(redis.keyPrefix() + "rate:" + client, () -> configuration(limit)).tryConsumeAndReturnRemaining(1);
                redis.answered();
                sharedCost.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                return probe;
            } catch (RuntimeException e) {
                redis.failed(e);
            }
        }
        ConsumptionProbe probe = localBuckets.get(client, key -> Bucket.builder().addLimit(bandwidth(limit)).build())
                .tryConsumeAndReturnRemaining(1);
        localCost.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        return probe;
    }

    private ProxyManager<String> sharedBuckets() {
        StatefulRedisConnection<String, byte[]> connection = redis.connection().orElse(null);
        if (connection == null) return null;
        if (connection != proxiedConnection) {
            sharedBuckets = Bucket4jLettuce.casBasedBuilder(connection)
                    .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                    .requestTimeout(redis.timeout())
                    .build();
            proxiedConnection = connection;
        }
        return sharedBuckets;
    }

    private static BucketConfiguration configuration(RateLimitProperties.Limit limit) {
        return BucketConfiguration.builder().addLimit(bandwidth(limit)).build();
    }

    private static Bandwidth bandwidth(RateLimitProperties.Limit limit) {
        return Bandwidth.builder().capacity(limit.burst()).refillGreedy(limit.perSecond(), Duration.ofSeconds(1)).build();
    }
}
