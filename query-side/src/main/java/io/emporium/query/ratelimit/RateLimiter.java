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
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.Optimization;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
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

    static final long SYNC_MILLIS = 100;

    private final SharedRedis redis;
    private final Cache<String, Bucket> localBuckets = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(10)).build();
    /** One proxy per client: it remembers what this instance took and has not yet settled with Redis. */
    private final Cache<String, Bucket> sharedProxies = Caffeine.newBuilder()
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
                ConsumptionProbe probe = sharedProxies.get(client, key -> shared.builder().withOptimization(unsynchronized(limit))
                        .build(redis.keyPrefix() + "rate:" + key, () -> configuration(limit))).tryConsumeAndReturnRemaining(1);
                redis.answered();
                sharedCost.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                return probe;
            } catch (io.github.bucket4j.TimeoutException busy) {
                // the bucket's compare-and-swap lost too often within the time-out: this request is judged locally,
                // Redis itself answers (no reason to leave it alone)
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
            sharedProxies.invalidateAll();
            proxiedConnection = connection;
        }
        return sharedBuckets;
    }

    /**
     * Each instance may take up to a twentieth of a bucket, for at most {@value #SYNC_MILLIS} ms, before it settles with
     * Redis (one compare-and-swap for all of them): a client may get that much more than its limit per instance, and
     * requests do not queue behind one compare-and-swap each. Small buckets (under 20) settle every request, concurrent ones
     * in one batch.
     */
    private static Optimization unsynchronized(RateLimitProperties.Limit limit) {
        long tokens = limit.burst() / 20;
        return tokens > 0 ? Optimizations.delaying(new DelayParameters(tokens, Duration.ofMillis(SYNC_MILLIS))) : Optimizations.batching();
    }

    private static BucketConfiguration configuration(RateLimitProperties.Limit limit) {
        return BucketConfiguration.builder().addLimit(bandwidth(limit)).build();
    }

    private static Bandwidth bandwidth(RateLimitProperties.Limit limit) {
        return Bandwidth.builder().capacity(limit.burst()).refillGreedy(limit.perSecond(), Duration.ofSeconds(1)).build();
    }
}
