package io.emporium.query.redis;

import java.io.File;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The Redis that every instance of the query service shares, when {@code EMPORIUM_REDIS_URL} names one. Never a
 * single point of failure: a command that fails or takes longer than {@code timeout} gives an empty answer, and
 * Redis is then left alone for {@code retry-after} (callers fall back to Elasticsearch and to per-instance limits)
 * instead of costing every request a time-out. The connection is made in the background, so the service starts without
 * Redis, and Lettuce reconnects it by itself; commands are refused at once while it is disconnected, not queued.
 */
@Component
public class SharedRedis implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SharedRedis.class);
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private final ClientResources resources;
    private final RedisClient client;
    private final String where;
    private final String keyPrefix;
    private final Duration timeout;
    private final Duration retryAfter;
    private final RedisURI uri;
    private volatile StatefulRedisConnection<String, byte[]> connection;
    private boolean connecting;
    private volatile long unavailableUntil;
    private volatile String lastFailure;

    public SharedRedis(@Value("${emporium.redis.url:}") String url,
                       @Value("${emporium.redis.ca-file:}") String caFile,
                       @Value("${emporium.redis.key-prefix:emporium:}") String keyPrefix,
                       @Value("${emporium.redis.timeout:200ms}") Duration timeout,
                       @Value("${emporium.redis.retry-after:5s}") Duration retryAfter) {
        this.keyPrefix = keyPrefix;
        this.timeout = timeout;
        this.retryAfter = retryAfter;
        if (!StringUtils.hasText(url)) {
            this.client = null;
            this.resources = null;
            this.where = null;
            this.uri = null;
            return;
        }
        this.uri = RedisURI.create(url);
        uri.setTimeout(timeout);
        this.where = (uri.isSsl() ? "rediss://" : "redis://") + uri.getHost() + ":" + uri.getPort();
        // reconnects back off up to 5 s (Lettuce's default: 30 s), so a Redis that is back is used again soon
        this.resources = DefaultClientResources.builder().reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(5), 2, TimeUnit.MILLISECONDS)).build();
        this.client = RedisClient.create(resources, uri);
        ClientOptions.Builder options = ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(10)).build())
                .timeoutOptions(TimeoutOptions.enabled(timeout));
        if (StringUtils.hasText(caFile)) options.sslOptions(SslOptions.builder().jdkSslProvider().trustManager(new File(caFile)).build());
        client.setOptions(options.build());
        connect(); // ready by the first request
    }

    public boolean configured() {
        return client != null;
    }

    /** What every key of this service starts with, so that several stacks (or tests) can share one Redis. */
    public String keyPrefix() {
        return keyPrefix;
    }

    /** How long one command may take before Redis counts as away. */
    public Duration timeout() {
        return timeout;
    }

    /** Where Redis is (no credentials), or null when none is configured. */
    public String where() {
        return where;
    }

    /** Runs a command; empty when Redis is not configured, away, slow or failed (then it is left alone for a while). */
    public <T> Optional<T> call(Function<RedisCommands<String, byte[]>, T> command) {
        return connection().flatMap(open -> run(open, command));
    }

    /**
     * Runs a command for a caller that has no fallback (baskets): Redis is asked even while it is being left alone after
     * a failure, since the only alternative is a refusal; one slow answer then costs one request, not every basket
     * request of the next {@code retry-after}. A failure still makes the callers with a fallback leave Redis alone.
     * Empty when Redis is not configured, not connected, slow or failed.
     */
    public <T> Optional<T> callWithoutFallback(Function<RedisCommands<String, byte[]>, T> command) {
        return openConnection().flatMap(open -> run(open, command));
    }

    private <T> Optional<T> run(StatefulRedisConnection<String, byte[]> open, Function<RedisCommands<String, byte[]>, T> command) {
        try {
            T result = command.apply(open.sync());
            answered();
            return Optional.ofNullable(result);
        } catch (RuntimeException e) {
            failed(e);
            return Optional.empty();
        }
    }

    /** The open connection, unless Redis is not configured or is being left alone after a failure. */
    public Optional<StatefulRedisConnection<String, byte[]>> connection() {
        return System.currentTimeMillis() < unavailableUntil ? Optional.empty() : openConnection();
    }

    /** The open connection, also while Redis is being left alone; empty when not configured or not connected. */
    private Optional<StatefulRedisConnection<String, byte[]>> openConnection() {
        if (client == null) return Optional.empty();
        StatefulRedisConnection<String, byte[]> open = connection;
        if (open == null) {
            connect();
            return Optional.empty(); // meanwhile: the fallback
        }
        if (!open.isOpen()) {
            failed(new IllegalStateException("not connected (reconnecting)"));
            return Optional.empty();
        }
        return Optional.of(open);
    }

    /** Connects in the background (no request waits for a TLS handshake); at most one attempt at a time. */
    private synchronized void connect() {
        if (connection != null || connecting) return;
        connecting = true;
        client.connectAsync(CODEC, uri).whenComplete((open, e) -> {
            synchronized (this) {
                connecting = false;
                if (e != null) {
                    failed(e);
                } else {
                    connection = open;
                    lastFailure = null;
                    log.info("Connected to Redis at {}", where);
                }
            }
        });
    }

    /** A caller's command failed: Redis is left alone until {@code retry-after} has passed. */
    public void failed(Throwable e) {
        boolean first = lastFailure == null;
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) cause = cause.getCause();
        lastFailure = cause == e ? e.toString() : e + " (" + cause + ")";
        unavailableUntil = System.currentTimeMillis() + retryAfter.toMillis();
        if (first) log.warn("Redis at {} failed, falling back for {} at a time: {}", where, retryAfter, lastFailure);
    }

    /** Whether the last attempt failed (null when it did not): what health shows. */
    public String lastFailure() {
        return lastFailure;
    }

    /** A command answered: the fallback is over. */
    public void answered() {
        if (lastFailure != null) {
            log.info("Redis at {} answers again", where);
            lastFailure = null;
            unavailableUntil = 0;
        }
    }

    @Override
    public void destroy() {
        if (connection != null) connection.close();
        if (client != null) client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        if (resources != null) resources.shutdown();
    }
}
