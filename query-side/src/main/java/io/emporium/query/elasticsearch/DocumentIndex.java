package io.emporium.query.elasticsearch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptionsBuilders;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emporium.query.cache.DocumentCache;
import org.springframework.stereotype.Component;

/**
 * A whole index as the reconciliation needs it: documents by id in bulk, every id in it (a point in time and
 * search_after, so documents written meanwhile do not shift the pages), and repairs written around the processors
 * (versioned like theirs, so a repair never overwrites a newer document).
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

    /** The documents with these ids that exist, by id; null for one that cannot be read as the type. */
    public <T> Map<String, T> read(String index, Collection<String> ids, Class<T> type) {
        try {
            Map<String, ObjectNode> raw = reader.readRaw(index, ids);
            Map<String, T> documents = new java.util.HashMap<>();
            raw.forEach((id, source) -> {
                try {
                    documents.put(id, reader.map(index, id, source, type).orElse(null));
                } catch (DocumentReader.UnreadableDocumentException broken) {
                    documents.put(id, null);
                }
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
     * Before repairs: a document deleted behind the service's back leaves a tombstone whose version would refuse the
     * repair. The indices forget deleted versions at the next refresh ({@code gc_deletes: 0s}, set here too for
     * indices made before the settings file said so; projections never delete), so refresh once first.
     */
    public void prepareRepairs(String index) {
        try {
            client.indices().putSettings(p -> p.index(index).settings(i -> i.gcDeletes(g -> g.time("0s"))));
            refresh(index);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes repaired documents with their versions ({@code external_gte}: a newer document written meanwhile wins)
     * and deletes the ones that have no aggregate.
     */
    public void repair(String index, Map<String, Versioned> documents, Collection<String> delete) {
        List<BulkOperation> operations = new ArrayList<>();
        documents.forEach((id, document) -> operations.add(BulkOperation.of(op -> op.index(i -> i.index(index).id(id)
                .versionType(VersionType.ExternalGte).version(document.version()).document(document.document())))));
        delete.forEach(id -> operations.add(BulkOperation.of(op -> op.delete(d -> d.index(index).id(id)))));
        if (operations.isEmpty()) return;
        try {
            BulkResponse response = client.bulk(b -> b.operations(operations));
            var failed = response.items().stream()
                    .filter(item -> item.error() != null && !"version_conflict_engine_exception".equals(item.error().type()))
                    .toList();
            if (!failed.isEmpty()) {
                throw new IllegalStateException(failed.size() + " repairs failed, first " + failed.get(0).id() + ": "
                        + failed.get(0).error().reason());
            }
            cache.stored(response.items().stream().filter(item -> item.error() == null && documents.containsKey(item.id()))
                    .map(item -> new DocumentCache.Entry(index, item.id(), documents.get(item.id()).version(), documents.get(item.id()).document()))
                    .toList());
            cache.deleted(index, List.copyOf(delete));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes what was written searchable at once (after repairs). */
    public void refresh(String index) {
        try {
            client.indices().refresh(r -> r.index(index));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public record Versioned(long version, Object document) {
    }
}
