package io.emporium.query.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import io.emporium.query.redis.SharedRedis;
import io.emporium.testsupport.PrivateRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * After Redis answered too slowly once, what has a fallback (caches, rate limits) leaves it alone for
 * {@code retry-after}; what has none (baskets, checkout answers) still asks it, so one slow moment refuses only the
 * requests it slowed. A real Redis, paused with {@code CLIENT PAUSE} for longer than the time-out.
 */
class RedisBackOffIT {

    private PrivateRedis server;
    private SharedRedis redis;

    @BeforeEach
    void start() throws Exception {
        server = PrivateRedis.startWithAppendOnlyFile();
        redis = new SharedRedis(server.url(), "", "back-off-it:", Duration.ofMillis(200), Duration.ofSeconds(30));
        await("connected").atMost(Duration.ofSeconds(10)).until(() -> redis.call(r -> r.ping()).isPresent());
    }

    @AfterEach
    void stop() throws Exception {
        if (redis != null) redis.destroy();
        if (server != null) server.close();
    }

    @Test
    void afterASlowAnswerCallersWithoutAFallbackStillAskAndTheirAnswerEndsTheBackOff() throws Exception {
        pauseRedis(Duration.ofMillis(800));
        assertThat(redis.callWithoutFallback(r -> r.get("k"))).as("slower than the time-out").isEmpty();
        assertThat(redis.lastFailure()).isNotNull();
        Thread.sleep(1_000); // Redis answers again

        assertThat(redis.call(r -> r.ping())).as("a caller with a fallback leaves Redis alone").isEmpty();
        assertThat(redis.callWithoutFallback(r -> r.ping())).as("a caller without one asks").hasValue("PONG");
        assertThat(redis.lastFailure()).isNull();
        assertThat(redis.call(r -> r.ping())).as("Redis answered: the back-off is over").hasValue("PONG");
    }

    private void pauseRedis(Duration pause) {
        RedisClient admin = RedisClient.create(server.url());
        try (StatefulRedisConnection<String, String> connection = admin.connect()) {
            connection.sync().clientPause(pause.toMillis());
        } finally {
            admin.shutdown();
        }
    }
}
