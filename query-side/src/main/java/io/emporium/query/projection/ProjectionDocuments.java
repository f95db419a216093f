package io.emporium.query.projection;

import java.util.Optional;
import java.util.function.Function;

import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * The contract between projection processors and the store of their documents (Elasticsearch's bulk writer): the
 * documents an event batch touches are read and written as one, when the batch prepares to commit, each only if
 * nobody else wrote it in between (then the batch fails and is handled again on what the document holds). A document the
 * store refuses because of its content is reported by {@link #refused}: its events are then dead-lettered, and the
 * rest of the batch is written.
 */
public interface ProjectionDocuments {

    /** The newest state of a document: what this batch already wrote, else what the store has. */
    <T> Optional<T> current(String index, String id, Class<T> type, Function<Object, String> idOf);

    /**
     * Queues a document for the current batch with its version, replacing what the batch queued for it before. The
     * batch must have read it with {@link #current} first: it is written only if nobody wrote it since that read.
     */
    void write(String index, String id, long version, Object document);

    /** Whether the store refused this document for its content in an earlier attempt of the batch. */
    boolean refused(String index, String id);

    /** Forgets the refusals of these indices (before dead letters are handled again: the fault may be mended). */
    void forgetRefusals(java.util.Collection<String> indices);

    /** Whether the store was unavailable during the current batch: then the batch fails, and no event is to blame. */
    boolean unavailableInThisBatch();

    /** Marks the batch as one of a live processor (metrics of freshness count only those). */
    void markLive(UnitOfWork<?> batch);
}
