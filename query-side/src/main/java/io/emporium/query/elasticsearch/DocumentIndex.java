package io.emporium.query.elasticsearch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptionsBuilders;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.emporium.query.cache.DocumentCache;
import org.springframework.stereotype.Component;

/**
 * A whole index as the reconciliation needs it: documents by id in bulk, every id in it (a point in time and
 * search_after, so documents written meanwhile do not shift the pages), and repairs written around the processors:
 * each conditional on the document being as the repair read it, so a repair never overwrites what a processor wrote
 * after that read.
 */
@Component
public class DocumentIndex {

    private static final int PAGE = 5_000;

    private final ElasticsearchClient client;
    private final DocumentReader reader;
    private final DocumentCache cache;

    public DocumentIndex(ElasticsearchClient client, DocumentReader reader, DocumentCache cache) {
        this.cache = cache;
        this.client = client;
        this.reader = reader;
    }

    /**
     * The documents with these ids that exist, by id, each with the point of its last write; the document is null for
     * one that cannot be read as the type.
     */
    public <T> Map<String, Found<T>> read(String index, Collection<String> ids, Class<T> type) {
        try {
            Map<String, Found<T>> documents = new HashMap<>();
            reader.readStored(index, ids).forEach((id, stored) -> {
                T document;
                try {
                    document = reader.map(index, id, stored.source(), type).orElse(null);
                } catch (DocumentReader.UnreadableDocumentException broken) {
                    document = null;
                }
                documents.put(id, new Found<>(document, new WritePoint(stored.seqNo(), stored.primaryTerm())));
            });
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every document id of the index, a page at a time. */
    public void forEachId(String index, Consumer<List<String>> page) {
        try {
            String pit = client.openPointInTime(p -> p.index(index).keepAlive(k -> k.time("2m"))).id();
            try {
                List<FieldValue> after = null;
                while (true) {
                    List<FieldValue> from = after;
                    SearchResponse<Void> found = client.search(s -> {
                        s.pit(p -> p.id(pit).keepAlive(k -> k.time("2m"))).size(PAGE).source(src -> src.fetch(false))
                                .sort(SortOptionsBuilders.field(f -> f.field("_shard_doc"))).trackTotalHits(t -> t.enabled(false));
                        if (from != null) s.searchAfter(from);
                        return s;
                    }, Void.class);
                    List<Hit<Void>> hits = found.hits().hits();
                    if (hits.isEmpty()) return;
                    page.accept(hits.stream().map(Hit::id).toList());
                    after = hits.get(hits.size() - 1).sort();
                }
            } finally {
                client.closePointInTime(c -> c.id(pit));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes each replacement only if the document is still as it was read (its write point; a create where none
     * existed), or deletes it where the replacement has no document, and keeps the cache in step.
     *
     * @return the ids written by someone else since they were read: nothing was done to those
     */
    public Set<String> replace(String index, List<Replacement> replacements) {
        if (replacements.isEmpty()) return Set.of();
        List<BulkOperation> operations = replacements.stream().map(r -> operation(index, r)).toList();
        BulkResponse response;
        try {
            response = client.bulk(b -> b.operations(operations));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> writtenMeanwhile = new HashSet<>();
        List<String> failed = new ArrayList<>();
        for (BulkResponseItem item : response.items()) {
            if (item.error() == null) continue;
            if ("version_conflict_engine_exception".equals(item.error().type())) writtenMeanwhile.add(item.id());
            else failed.add(item.id() + ": " + item.error().reason());
        }
        if (!failed.isEmpty()) throw new IllegalStateException(failed.size() + " repairs failed, first " + failed.get(0));
        List<Replacement> done = replacements.stream().filter(r -> !writtenMeanwhile.contains(r.id())).toList();
        // an entry of a version the store never had would refuse the repaired one: those go (reads fill them again)
        cache.deleted(index, done.stream().filter(r -> r.document() == null || r.cachedMayBeNewer()).map(Replacement::id).toList());
        cache.stored(done.stream().filter(r -> r.document() != null && !r.cachedMayBeNewer())
                .map(r -> new DocumentCache.Entry(index, r.id(), r.version(), r.document())).toList());
        return writtenMeanwhile;
    }

    private static BulkOperation operation(String index, Replacement replacement) {
        WritePoint read = replacement.read();
        if (replacement.document() == null) {
            return BulkOperation.of(op -> op.delete(d -> d.index(index).id(replacement.id())
                    .ifSeqNo(read.seqNo()).ifPrimaryTerm(read.primaryTerm())));
        }
        if (read == null) {
            return BulkOperation.of(op -> op.create(c -> c.index(index).id(replacement.id()).document(replacement.document())));
        }
        return BulkOperation.of(op -> op.index(i -> i.index(index).id(replacement.id())
                .ifSeqNo(read.seqNo()).ifPrimaryTerm(read.primaryTerm()).document(replacement.document())));
    }

    /** Makes what was written searchable at once (after repairs). */
    public void refresh(String index) {
        try {
            client.indices().refresh(r -> r.index(index));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where a document's last write stands: a write conditional on it fails if anyone wrote the document since. */
    public record WritePoint(long seqNo, long primaryTerm) {
    }

    /** A document as read, with its write point; {@code document} is null when it cannot be read as its type. */
    public record Found<T>(T document, WritePoint point) {
    }

    /**
     * What a document is to become: {@code document} (of {@code version}) in place of what was read at {@code read}
     * (null: there was none), or deleted when {@code document} is null.
     *
     * @param cachedMayBeNewer the replaced document claimed a newer version than the store has: a cache may hold it
     */
    public record Replacement(String id, WritePoint read, long version, Object document, boolean cachedMayBeNewer) {
    }
}
