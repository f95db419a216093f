package io.emporium.query.elasticsearch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.ToLongFunction;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Reads one document by id (realtime: no refresh needed) and, for read-your-writes, waits a bounded time until it
 * has reached the version a command answered with.
 */
@Component
public class VersionedReads {

    private static final long POLL_MILLIS = 25;

    private final DocumentReader documents;
    private final Duration maxWait;

    public VersionedReads(DocumentReader documents, @Value("${emporium.read-your-writes.max-wait}") Duration maxWait) {
        this.documents = documents;
        this.maxWait = maxWait;
    }

    public <T> Optional<T> get(String index, String id, Class<T> type) {
        try {
            return documents.read(index, id, type);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + id + " from Elasticsearch", e);
        }
    }

    /**
     * @throws NotYetVisibleException when the document has not reached {@code minVersion} within the wait
     */
    public <T> Optional<T> get(String index, String id, Class<T> type, Long minVersion, ToLongFunction<T> versionOf) {
        if (minVersion == null) return get(index, id, type);
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (true) {
            Optional<T> document = get(index, id, type);
            if (document.isPresent() && versionOf.applyAsLong(document.get()) >= minVersion) return document;
            if (System.nanoTime() >= deadline) {
                throw new NotYetVisibleException(minVersion, document.map(versionOf::applyAsLong).orElse(null));
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NotYetVisibleException(minVersion, document.map(versionOf::applyAsLong).orElse(null));
            }
        }
    }

    /** The read model has not caught up with a write yet: the client may retry shortly. */
    public static class NotYetVisibleException extends RuntimeException {

        private final long requestedVersion;
        private final Long currentVersion;

        NotYetVisibleException(long requestedVersion, Long currentVersion) {
            super("The read model has not reached version " + requestedVersion + " yet"
                    + (currentVersion == null ? " (it does not have this item yet)" : " (it has version " + currentVersion + ")"));
            this.requestedVersion = requestedVersion;
            this.currentVersion = currentVersion;
        }

        public long requestedVersion() {
            return requestedVersion;
        }

        public Long currentVersion() {
            return currentVersion;
        }
    }
}
