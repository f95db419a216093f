package io.emporium.query.searchinsight;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.emporium.query.redis.SharedRedis;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.stereotype.Component;

/**
 * Searches that found nothing, so that merchants see which words their shoppers use that the catalogue lacks (and
 * which synonyms to add): a metric, and the queries by how often they came, shared by every instance in Redis when
 * there is one (a sorted set that keeps the most frequent {@link #KEPT}), else per instance.
 */
@Component
public class ZeroResultQueries {

    static final int KEPT = 1000;
    static final int MAX_QUERY_LENGTH = 100;

    private final SharedRedis redis;
    private final String key;
    private final Counter counter;
    private final Map<String, AtomicLong> local = new ConcurrentHashMap<>();

    ZeroResultQueries(SharedRedis redis, MeterRegistry registry) {
        this.redis = redis;
        this.key = redis.keyPrefix() + "search:zero-results";
        this.counter = Counter.builder("emporium.search.zero.results").description("searches with text that found nothing").register(registry);
    }

    @Schema(name = "ZeroResultQuery", description = "A query that found nothing, and how often it came.")
    public record Counted(String query, long count) {
    }

    @Schema(name = "ZeroResultQueries", description = "Queries that found nothing, most frequent first.")
    public record Listing(@Schema(description = "Whether the counts are shared by every instance (Redis), or this instance's.") boolean shared,
                          List<Counted> queries) {
    }

    public void record(String text) {
        counter.increment();
        String query = normalised(text);
        if (query.isEmpty()) return;
        byte[] member = query.getBytes(StandardCharsets.UTF_8);
        boolean stored = redis.call(commands -> {
            commands.zincrby(key, 1, member);
            long size = commands.zcard(key);
            if (size > KEPT) commands.zremrangebyrank(key, 0, size - KEPT - 1);
            return true;
        }).orElse(false);
        if (!stored) {
            local.computeIfAbsent(query, q -> new AtomicLong()).incrementAndGet();
            if (local.size() > KEPT) local.entrySet().stream().min(Map.Entry.comparingByValue(Comparator.comparingLong(AtomicLong::get)))
                    .ifPresent(least -> local.remove(least.getKey()));
        }
    }

    public Listing top(int limit) {
        if (redis.configured()) {
            var shared = redis.call(commands -> commands.zrevrangeWithScores(key, 0, limit - 1).stream()
                    .map(v -> new Counted(new String(v.getValue(), StandardCharsets.UTF_8), (long) v.getScore())).toList());
            if (shared.isPresent()) return new Listing(true, shared.get());
        }
        return new Listing(false, local.entrySet().stream().map(e -> new Counted(e.getKey(), e.getValue().get()))
                .sorted(Comparator.comparingLong(Counted::count).reversed().thenComparing(Counted::query)).limit(limit).toList());
    }

    /** Lower case, spaces collapsed, cut to a length: "Red  Mugs" and "red mugs" are one query. */
    static String normalised(String text) {
        String query = text.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        return query.length() > MAX_QUERY_LENGTH ? query.substring(0, MAX_QUERY_LENGTH) : query;
    }
}
