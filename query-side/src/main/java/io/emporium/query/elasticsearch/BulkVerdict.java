package io.emporium.query.elasticsearch;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;

/**
 * Judges a bulk response and remembers the documents Elasticsearch refused for their content. Any failed item fails
 * the batch: a document written by someone else since the batch read it (handled again on what it holds now), one
 * refused for its content (remembered: its events are dead-lettered the next time), or one Elasticsearch did not take.
 */
class BulkVerdict {

    /** Refusals remembered at most (the oldest are forgotten first): each costs a batch one more attempt. */
    static final int MAX_REMEMBERED_REFUSALS = 10_000;

    private final Set<Key> refusals = Collections.synchronizedSet(Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Boolean> eldest) {
            return size() > MAX_REMEMBERED_REFUSALS;
        }
    }));
    private final BulkMetrics metrics;

    BulkVerdict(BulkMetrics metrics) {
        this.metrics = metrics;
    }

    boolean refused(String index, String id) {
        return refusals.contains(new Key(index, id));
    }

    void forget(Collection<String> indices) {
        synchronized (refusals) {
            refusals.removeIf(key -> indices.contains(key.index));
        }
    }

    /** @throws BulkIndexer.BulkIndexingException when any item failed */
    void judge(List<BulkResponseItem> items, int total) {
        List<BulkResponseItem> failed = items.stream().filter(item -> item.error() != null).toList();
        if (failed.isEmpty()) return;
        List<BulkResponseItem> lostRaces = failed.stream().filter(BulkVerdict::writtenMeanwhile).toList();
        List<BulkResponseItem> refused = failed.stream().filter(BulkVerdict::refusedForItsContent).toList();
        refused.forEach(item -> refusals.add(new Key(item.index(), item.id())));
        metrics.lostRaces(lostRaces.size());
        BulkResponseItem first = failed.get(0);
        String what = failed.size() + " of " + total + " documents failed, first " + first.index() + "/" + first.id()
                + ": " + first.error().type() + " " + first.error().reason();
        if (lostRaces.size() == failed.size()) {
            throw new BulkIndexer.BulkIndexingException(what + "; they were written by someone else since the batch read them,"
                    + " so the batch is handled again on what they hold now");
        }
        if (lostRaces.size() + refused.size() == failed.size()) {
            throw new BulkIndexer.BulkIndexingException(what + "; the batch is handled again with the events of the refused documents dead-lettered");
        }
        throw new BulkIndexer.BulkIndexingException(what);
    }

    private static boolean writtenMeanwhile(BulkResponseItem item) {
        return "version_conflict_engine_exception".equals(item.error().type());
    }

    /**
     * A 4xx item (other than a lost race or refused credentials) is about the document; 5xx, 429, 401 and 403 are
     * about Elasticsearch or the service.
     */
    private static boolean refusedForItsContent(BulkResponseItem item) {
        return item.status() >= 400 && item.status() < 500 && item.status() != 429 && item.status() != 401
                && item.status() != 403 && !writtenMeanwhile(item);
    }

    private record Key(String index, String id) {
    }
}
