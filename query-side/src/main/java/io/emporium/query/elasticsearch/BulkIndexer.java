package io.emporium.query.elasticsearch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import io.emporium.query.elasticsearch.DocumentReader.StoredDocument;
import io.emporium.query.projection.ProjectionDocuments;
import io.emporium.query.projection.WrittenBatch;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Writes documents as the design asks: everything an event batch touches is collected in the batch's unit of work and
 * sent as one bulk request when the batch prepares to commit. The batch reads each document once (one multi-get) and
 * writes it back only if nobody wrote it since: conditional on the {@code _seq_no} and {@code _primary_term} it read, or
 * as a create where there was none. What a document already holds is decided by its own field versions (see
 * FieldVersions), never by Elasticsearch's {@code _version}, so a document that an operator, a script or a repair
 * wrote meanwhile is read again and the events are applied on top of it: nothing else that writes the index can make
 * the projection drop an event.
 * What the bulk response says is judged by {@link BulkVerdict}; what was stored is told to the
 * {@link WrittenBatch.Listener}s (the cache, the reads waiting for their own writes), which the writer does not know.
 */
@Component
public class BulkIndexer implements ProjectionDocuments {

    private static final String PENDING = BulkIndexer.class.getName() + ".pending";
    private static final String LIVE = BulkIndexer.class.getName() + ".live";

    private final ElasticsearchClient client;
    private final DocumentReader documents;
    private final BulkMetrics metrics;
    private final BulkVerdict verdict;
    private final List<WrittenBatch.Listener> listeners;

    public BulkIndexer(ElasticsearchClient client, DocumentReader documents, MeterRegistry registry,
                       List<WrittenBatch.Listener> listeners) {
        this.client = client;
        this.documents = documents;
        this.metrics = new BulkMetrics(registry);
        this.verdict = new BulkVerdict(metrics);
        this.listeners = List.copyOf(listeners);
    }

    /**
     * Queues a document for the current batch, replacing what the batch queued for it before: a projection builds
     * each new state on {@link #current}, so the last one queued holds everything, and is written conditional on what
     * that first read found.
     */
    @Override
    public void write(String index, String id, long version, Object document) {
        Pending pending = pending();
        Key key = new Key(index, id);
        if (!pending.read.containsKey(key)) {
            throw new IllegalStateException(index + "/" + id + " is written without having been read in this batch");
        }
        pending.documents.put(key, new Versioned(version, document));
    }

    /**
     * The newest state of a document: what this batch already wrote, else what Elasticsearch has. On the first
     * read of a batch, the documents of all the batch's events are fetched in one multi-get ({@code idOf} tells
     * which document an event touches), so that a batch costs two requests, not one per event. Reads are realtime:
     * refreshes do not matter.
     */
    @Override
    public <T> Optional<T> current(String index, String id, Class<T> type, Function<Object, String> idOf) {
        Pending pending = pending();
        Key key = new Key(index, id);
        Versioned queued = pending.documents.get(key);
        if (queued != null) return Optional.of(type.cast(queued.document));
        try {
            if (pending.prefetchedIndices.add(index)) prefetch(pending, index, idOf);
            if (!pending.read.containsKey(key)) pending.read.put(key, documents.readStored(index, id).orElse(null));
            StoredDocument stored = pending.read.get(key);
            return stored == null ? Optional.empty() : documents.map(index, id, stored.source(), type);
        } catch (IOException e) {
            // Elasticsearch is away: no fault of this event, so it is not dead-lettered (see unavailableInThisBatch);
            // the batch fails as a whole when it prepares to commit, and is handled again later.
            pending.unavailable = e;
            throw new UncheckedIOException("Cannot read " + index + "/" + id + " from Elasticsearch", e);
        } catch (ElasticsearchException e) {
            // its own trouble, or the service's credentials refused: no fault of the event either
            if (e.status() >= 500 || e.status() == 429 || e.status() == 401 || e.status() == 403
                    || "index_not_found_exception".equals(e.error().type())) {
                pending.unavailable = new IOException("Elasticsearch answered " + e.status() + ": " + e.getMessage(), e);
            }
            throw e;
        }
    }

    private void prefetch(Pending pending, String index, Function<Object, String> idOf) throws IOException {
        if (!(CurrentUnitOfWork.get() instanceof BatchingUnitOfWork<?> batch)) return;
        Set<String> ids = new LinkedHashSet<>();
        for (Message<?> message : batch.getMessages()) {
            String id = idOf.apply(message.getPayload());
            if (id != null) ids.add(id);
        }
        Map<String, StoredDocument> found = documents.readStored(index, ids);
        for (String id : ids) pending.read.put(new Key(index, id), found.get(id));
    }

    @Override
    public boolean refused(String index, String id) {
        return verdict.refused(index, id);
    }

    @Override
    public void forgetRefusals(Collection<String> indices) {
        verdict.forget(indices);
    }

    /** Marks the batch as one of a live processor: only those count in the event-age metric, not a rebuild's. */
    @Override
    public void markLive(UnitOfWork<?> unitOfWork) {
        unitOfWork.root().resources().putIfAbsent(LIVE, Boolean.TRUE);
    }

    /** Whether Elasticsearch failed during the current batch: then the batch fails, and no event is to blame. */
    @Override
    public boolean unavailableInThisBatch() {
        if (!CurrentUnitOfWork.isStarted()) return false;
        Pending pending = CurrentUnitOfWork.get().root().getResource(PENDING);
        return pending != null && pending.unavailable != null;
    }

    private Pending pending() {
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(PENDING, key -> {
            Pending pending = new Pending(System.currentTimeMillis());
            root.onPrepareCommit(u -> flush(pending));
            return pending;
        });
    }

    private void flush(Pending pending) {
        if (pending.unavailable != null) {
            throw new UncheckedIOException("Elasticsearch was unavailable during the batch", pending.unavailable);
        }
        if (pending.documents.isEmpty()) return;
        List<BulkOperation> operations = pending.documents.entrySet().stream()
                .map(e -> conditionalWrite(e.getKey(), e.getValue().document, pending.read.get(e.getKey())))
                .toList();
        BulkResponse response;
        long start = System.nanoTime();
        try (Scope inTrace = pending.trace.makeCurrent()) {
            response = client.bulk(b -> b.operations(operations));
        } catch (IOException e) {
            throw new UncheckedIOException("Bulk request to Elasticsearch failed", e);
        } finally {
            metrics.bulk(operations.size(), System.nanoTime() - start);
        }
        // only a live processor's batches count in the event ages, and only they are worth caching
        BatchingUnitOfWork<?> live = CurrentUnitOfWork.get() instanceof BatchingUnitOfWork<?> batch
                && batch.getResource(LIVE) != null ? batch : null;
        if (live != null) metrics.eventAges(live.getMessages(), pending.startedAt, System.currentTimeMillis());
        if (response.errors()) verdict.judge(response.items(), operations.size());
        WrittenBatch written = new WrittenBatch(live != null, pending.documents.entrySet().stream()
                .map(e -> new WrittenBatch.Document(e.getKey().index, e.getKey().id, e.getValue().version, e.getValue().document))
                .toList());
        for (WrittenBatch.Listener listener : listeners) listener.written(written);
    }

    /** Overwrites what the batch read, or creates the document where it found none; fails if anyone wrote it since. */
    private static BulkOperation conditionalWrite(Key key, Object document, StoredDocument read) {
        if (read == null) return BulkOperation.of(op -> op.create(c -> c.index(key.index).id(key.id).document(document)));
        return BulkOperation.of(op -> op.index(i -> i.index(key.index).id(key.id)
                .ifSeqNo(read.seqNo()).ifPrimaryTerm(read.primaryTerm()).document(document)));
    }

    private record Versioned(long version, Object document) {
    }

    private record Key(String index, String id) {
    }

    private static final class Pending {
        private final long startedAt;
        /** The trace of the batch's first event (where tracing is on): its bulk request is a span of that trace. */
        private final Context trace = Context.current();
        private final Map<Key, Versioned> documents = new LinkedHashMap<>();
        private IOException unavailable;
        private final Set<String> prefetchedIndices = new HashSet<>();
        /** Documents as the batch read them, before it wrote any; a null value: the document did not exist. */
        private final Map<Key, StoredDocument> read = new HashMap<>();

        private Pending(long startedAt) {
            this.startedAt = startedAt;
        }
    }

    public static class BulkIndexingException extends RuntimeException {
        public BulkIndexingException(String message) {
            super(message);
        }
    }
}
