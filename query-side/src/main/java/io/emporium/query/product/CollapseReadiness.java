package io.emporium.query.product;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Whether the products behind the alias can be collapsed by group: Elasticsearch puts every document without a
 * collapse key into one group, and documents indexed before keys existed have none until a rebuild. Once an index is
 * found with a key in every document it stays ready (every write since sets one); an index that is not is asked again
 * after a minute, and meanwhile search shows every product as its own hit.
 */
@Component
class CollapseReadiness implements Predicate<String> {

    private static final long RECHECK_NANOS = 60_000_000_000L;

    private final ElasticsearchClient client;
    /** Per index behind the alias: ready, or when it was last found not ready. */
    private final Map<String, Long> notReadySince = new ConcurrentHashMap<>();
    private final Map<String, Boolean> ready = new ConcurrentHashMap<>();
    private volatile String liveIndex;
    private volatile long liveIndexCheckedAt;

    CollapseReadiness(@Qualifier("searchClient") ElasticsearchClient client) {
        this.client = client;
    }

    @Override
    public boolean test(String alias) {
        try {
            String index = liveIndex(alias);
            if (index == null) return false;
            if (ready.containsKey(index)) return true;
            Long since = notReadySince.get(index);
            if (since != null && System.nanoTime() - since < RECHECK_NANOS) return false;
            long withoutKey = client.count(c -> c.index(index).query(q -> q.bool(b -> b.mustNot(m -> m.exists(e -> e.field("groupKey")))))).count();
            if (withoutKey == 0) {
                ready.put(index, true);
                return true;
            }
            notReadySince.put(index, System.nanoTime());
            return false;
        } catch (IOException | RuntimeException e) {
            return false; // the search itself will say what is wrong with Elasticsearch
        }
    }

    /** The index the alias points at, asked again every few seconds (a rebuild moves the alias). */
    private String liveIndex(String alias) throws IOException {
        if (liveIndex == null || System.nanoTime() - liveIndexCheckedAt > 5_000_000_000L) {
            liveIndex = client.indices().getAlias(g -> g.name(alias).ignoreUnavailable(true).allowNoIndices(true)).result().keySet().stream()
                    .findFirst().orElse(null);
            liveIndexCheckedAt = System.nanoTime();
        }
        return liveIndex;
    }
}
