package io.emporium.query.basket;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emporium.query.redis.SharedRedis;
import io.lettuce.core.ScriptOutputType;
import org.springframework.stereotype.Component;

/**
 * Baskets in the shared Redis, one hash per customer (its version and its lines as JSON). A change is a compare-and-set
 * in one Lua script: it applies only to the version the client showed, so two tabs never overwrite each other
 * unnoticed, and it renews the basket's idle expiry. Without Redis there are no baskets: every call throws
 * {@link BasketUnavailableException} (the caches of the service go on without Redis; a basket cannot). So baskets ask
 * Redis even while the caches leave it alone after a failure: a slow moment refuses the requests it slowed, no more.
 */
@Component
public class BasketStore {

    /** Sets the lines if the version is the expected one; answers the new version, or -1 - the current one. */
    private static final String COMPARE_AND_SET = """
            local current = tonumber(redis.call('HGET', KEYS[1], 'version') or '0')
            if current ~= tonumber(ARGV[1]) then return -1 - current end
            redis.call('HSET', KEYS[1], 'version', current + 1, 'lines', ARGV[2])
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            return current + 1
            """;
    private static final TypeReference<List<Basket.Line>> LINES = new TypeReference<>() {
    };

    private final SharedRedis redis;
    private final ObjectMapper json;
    private final BasketProperties properties;

    BasketStore(SharedRedis redis, ObjectMapper json, BasketProperties properties) {
        this.redis = redis;
        this.json = json;
        this.properties = properties;
    }

    public Basket load(String customerId) {
        Map<String, byte[]> stored = redis.callWithoutFallback(r -> r.hgetall(key(customerId))).orElseThrow(BasketUnavailableException::new);
        if (stored.isEmpty()) return new Basket(0, List.of());
        try {
            return new Basket(Long.parseLong(new String(stored.get("version"), StandardCharsets.US_ASCII)),
                    json.readValue(stored.get("lines"), LINES));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("A stored basket is not readable", e);
        }
    }

    /**
     * Replaces the lines of the basket at {@code expectedVersion}; no lines empties it. The version only grows while
     * the basket lives (emptied too), so a tab that still shows an older basket cannot change a newer one.
     *
     * @return the basket's new version
     */
    public long replace(String customerId, long expectedVersion, List<Basket.Line> lines) {
        byte[] encoded;
        try {
            encoded = json.writeValueAsBytes(lines);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Long answer = redis.callWithoutFallback(r -> r.<Long>eval(COMPARE_AND_SET, ScriptOutputType.INTEGER, new String[] {key(customerId)},
                        Long.toString(expectedVersion).getBytes(StandardCharsets.US_ASCII), encoded,
                        Long.toString(properties.idleExpiry().toMillis()).getBytes(StandardCharsets.US_ASCII)))
                .orElseThrow(BasketUnavailableException::new);
        if (answer < 0) throw new BasketVersionConflictException(expectedVersion, -1 - answer);
        return answer;
    }

    private String key(String customerId) {
        return redis.keyPrefix() + "basket:" + customerId;
    }
}
