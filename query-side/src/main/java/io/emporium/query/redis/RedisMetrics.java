package io.emporium.query.redis;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** {@code emporium_redis_degraded}: 1 while the last call to a configured Redis failed (the service falls back). */
@Component
class RedisMetrics {

    RedisMetrics(SharedRedis redis, MeterRegistry registry) {
        Gauge.builder("emporium.redis.degraded", redis, r -> r.configured() && r.lastFailure() != null ? 1 : 0)
                .description("1 while Redis does not answer: rate limits per instance, product reads from Elasticsearch")
                .register(registry);
    }
}
