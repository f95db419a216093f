package io.emporium.query.cache;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emporium.query.projection.IndexProperties;
import io.emporium.query.projection.WrittenBatch;
import io.emporium.query.redis.SharedRedis;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A version-stamped copy of documents in the shared Redis, so that reads by id need not ask Elasticsearch. An entry
 * is a hash {@code {v: version, d: document JSON}} under a key named after the concrete index ({@code products_v3}),
 * so a rebuild's alias swap starts with fresh keys and the old ones expire. Every write is one atomic compare on the
 * version (a Lua script): the projection writes only what its bulk request stored, and may rewrite an equal version
 * (a late event can fill in a field group of the same version); a read that missed offers what Elasticsearch gave
 * and is taken only when strictly newer, so it can never put back what the projection replaced. No entry ever goes
 * back in time; each expires after {@code ttl}, which bounds how long a write missed while Redis was away can lag.
 * Every failure is swallowed: without Redis, reads go to Elasticsearch.
 */
@Component
public class DocumentCache implements WrittenBatch.Listener {

    /** KEYS[1] entry; ARGV: version, document, ttl millis, 1 when an equal version may replace the entry. */
    static final String PUT_IF_NEWER = """
            local current = redis.call('HGET', KEYS[1], 'v')
            local version = tonumber(ARGV[1])
            if current then
              current = tonumber(current)
              if current > version or (current == version and ARGV[4] ~= '1') then return 0 end
            end
            redis.call('HSET', KEYS[1], 'v', ARGV[1], 'd', ARGV[2])
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            return 1
            """;
    private static final String PUT_SHA = sha1Hex(PUT_IF_NEWER);

    private final SharedRedis redis;
    private final ObjectMapper json;
    private final boolean enabled;
    private final String prefix;
    private final List<String> cachedIndexPrefixes;
    private final Duration ttl;
    private final Counter hits;
    private final Counter misses;

    public DocumentCache(SharedRedis redis, JsonpMapper mapper, MeterRegistry meters,
                         @Value("${emporium.cache.enabled:true}") boolean enabled,
                         @Value("${emporium.cache.ttl:10m}") Duration ttl,
                         @Value("${emporium.cache.projections:products}") List<String> projections, IndexProperties names) {
        this.cachedIndexPrefixes = projections.stream().map(projection -> names.alias(projection) + "_v").toList();
        this.redis = redis;
        this.json = ((JacksonJsonpMapper) mapper).objectMapper();
        this.enabled = enabled && redis.configured();
        this.prefix = redis.keyPrefix() + "doc:";
        this.ttl = ttl;
        this.hits = Counter.builder("emporium.cache.reads").tag("result", "hit").description("product reads by id answered from Redis").register(meters);
        this.misses = Counter.builder("emporium.cache.reads").tag("result", "miss").description("product reads by id that went to Elasticsearch").register(meters);
    }

    public boolean enabled() {
        return enabled;
    }

    /** Whether documents of this concrete index are cached (those of the projections named in {@code projections}). */
    public boolean caches(String index) {
        return enabled && cachedIndexPrefixes.stream().anyMatch(index::startsWith);
    }

    /** The entry, if Redis holds one of at least {@code minVersion} (any version when null). */
    public <T> Optional<T> read(String index, String id, Class<T> type, Long minVersion) {
        if (!enabled) return Optional.empty();
        Optional<T> found = redis.call(commands -> commands.hmget(key(index, id), "v", "d"))
                .filter(fields -> fields.size() == 2 && fields.get(0).hasValue() && fields.get(1).hasValue())
                .filter(fields -> minVersion == null || Long.parseLong(text(fields.get(0).getValue())) >= minVersion)
                .flatMap(fields -> parse(fields.get(1).getValue(), type));
        (found.isPresent() ? hits : misses).increment();
        return found;
    }

    /** What a read got from Elasticsearch after a miss: taken only when newer than the entry. */
    public void offer(String index, String id, long version, Object document) {
        if (!enabled) return;
        put(List.of(new Entry(index, id, version, document)), false);
    }

    /** A live projection's batch: its documents as stored (a rebuild's index is not read, so not cached). */
    @Override
    public void written(WrittenBatch batch) {
        if (!enabled || !batch.live()) return;
        stored(batch.documents().stream()
                .map(document -> new Entry(document.index(), document.id(), document.version(), document.document()))
                .toList());
    }

    /** What the projection's bulk request (or a repair) stored: replaces an entry of the same or an older version. */
    public void stored(List<Entry> entries) {
        List<Entry> cached = entries.stream().filter(entry -> caches(entry.index())).toList();
        if (!cached.isEmpty()) put(cached, true);
    }

    /** Entries of documents that were deleted (a repair removed documents that have no aggregate). */
    public void deleted(String index, List<String> ids) {
        if (!caches(index) || ids.isEmpty()) return;
        redis.call(commands -> commands.del(ids.stream().map(id -> key(index, id)).toArray(String[]::new)));
    }

    private void put(List<Entry> entries, boolean replaceEqual) {
        redis.connection().ifPresent(connection -> {
            RedisAsyncCommands<String, byte[]> commands = connection.async();
            try {
                try {
                    putAll(commands, entries, replaceEqual);
                } catch (RedisNoScriptException restarted) {
                    // Redis restarted or failed over since the script was loaded: load it and try once more
                    commands.scriptLoad(PUT_IF_NEWER).get(redis.timeout().toMillis(), TimeUnit.MILLISECONDS);
                    putAll(commands, entries, replaceEqual);
                }
                redis.answered();
            } catch (Exception e) {
                if (e instanceof InterruptedException) Thread.currentThread().interrupt();
                redis.failed(e);
            }
        });
    }

    private void putAll(RedisAsyncCommands<String, byte[]> commands, List<Entry> entries, boolean replaceEqual)
            throws JsonProcessingException {
        List<RedisFuture<Long>> replies = new ArrayList<>(entries.size());
        for (Entry entry : entries) replies.add(put(commands, entry, replaceEqual));
        await(replies);
    }

    private RedisFuture<Long> put(RedisAsyncCommands<String, byte[]> commands, Entry entry, boolean replaceEqual)
            throws JsonProcessingException {
        byte[][] args = {bytes(Long.toString(entry.version())), json.writeValueAsBytes(entry.document()),
                bytes(Long.toString(ttl.toMillis())), bytes(replaceEqual ? "1" : "0")};
        return commands.evalsha(PUT_SHA, ScriptOutputType.INTEGER, new String[]{key(entry.index(), entry.id())}, args);
    }

    /** Waits for every reply, no longer than a command may take. */
    private void await(List<RedisFuture<Long>> replies) {
        if (!LettuceFutures.awaitAll(redis.timeout().toMillis(), TimeUnit.MILLISECONDS, replies.toArray(RedisFuture[]::new))) {
            throw new IllegalStateException("Redis did not answer within " + redis.timeout());
        }
    }

    String key(String index, String id) {
        return prefix + index + ":" + id;
    }

    private <T> Optional<T> parse(byte[] document, Class<T> type) {
        try {
            return Optional.of(json.readValue(document, type));
        } catch (java.io.IOException unreadable) {
            return Optional.empty(); // an entry of an older format: Elasticsearch answers instead
        }
    }

    private static String sha1Hex(String script) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1").digest(bytes(script)));
        } catch (java.security.NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A document to cache: its concrete index, id and version. */
    public record Entry(String index, String id, long version, Object document) {
    }
}
