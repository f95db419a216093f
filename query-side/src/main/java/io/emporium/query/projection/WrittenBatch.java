package io.emporium.query.projection;

import java.util.List;

/**
 * What one batch of a projection stored in the read model, told to whoever keeps a copy or waits for a version (the
 * shared cache, the reads that wait for their own writes) once the store has taken it.
 *
 * @param live whether a live processor wrote it (a rebuild's batches fill an index nobody reads yet)
 */
public record WrittenBatch(boolean live, List<Document> documents) {

    public record Document(String index, String id, long version, Object document) {
    }

    /** Learns of each batch written; called on the projection's thread, so it must not block. */
    public interface Listener {
        void written(WrittenBatch batch);
    }
}
