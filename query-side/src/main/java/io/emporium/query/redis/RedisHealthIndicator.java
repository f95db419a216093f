package io.emporium.query.redis;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * Redis in health: UP when it answers a PING, DEGRADED (still 200, not part of readiness) when it does not, because
 * the service goes on without it: per-instance rate limits and product reads from Elasticsearch.
 */
@Component("redis")
class RedisHealthIndicator extends AbstractHealthIndicator {

    private final SharedRedis redis;

    RedisHealthIndicator(SharedRedis redis) {
        this.redis = redis;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        if (!redis.configured()) {
            health.up().withDetail("configured", false)
                    .withDetail("fallback", "per-instance rate limits, product reads from Elasticsearch");
            return;
        }
        health.withDetail("configured", true).withDetail("url", redis.where());
        boolean answered = redis.call(commands -> commands.ping()).isPresent();
        if (answered) {
            health.up();
        } else {
            health.status(new Status("DEGRADED", "Redis does not answer: per-instance rate limits, product reads from Elasticsearch"))
                    .withDetail("error", redis.lastFailure() == null ? "not connected yet" : redis.lastFailure());
        }
    }
}
