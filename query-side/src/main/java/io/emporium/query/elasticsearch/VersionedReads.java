package io.emporium.query.elasticsearch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.ToLongFunction;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.emporium.query.projection.WrittenBatch;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Reads one document by id (realtime: no refresh needed, through the search pool of connections) and, for
 * read-your-writes, waits a bounded time until it has reached the version a command answered with. Waits are bounded
 * twice: at most {@code max-waiters} at once (more: {@link TooManyWaitersException}, 503), and each re-reads only when
 * this instance has written the document, or after a back-off of 50 ms doubling up to 400 ms (another instance may
 * have written it).
 */
@Component
public class VersionedReads implements WrittenBatch.Listener {

    private static final long FIRST_BACK_OFF_MILLIS = 50;
    private static final long LONGEST_BACK_OFF_MILLIS = 400;

    private final DocumentReader documents;
    private final Duration maxWait;
    private final Semaphore waiters;
    /** One signal per document someone waits for, completed when this instance writes that document. */
    private final Map<String, CompletableFuture<Void>> written = new ConcurrentHashMap<>();

    public VersionedReads(@Qualifier(ElasticsearchClients.SEARCH) ElasticsearchClient searchClient,
                          @Value("${emporium.read-your-writes.max-wait}") Duration maxWait,
                          @Value("${emporium.read-your-writes.max-waiters}") int maxWaiters) {
        this.documents = new DocumentReader(searchClient);
        this.maxWait = maxWait;
        this.waiters = new Semaphore(maxWaiters);
    }

    /** The projections wrote these documents: their waiters read again now. */
    @Override
    public void written(WrittenBatch batch) {
        for (WrittenBatch.Document document : batch.documents()) {
            CompletableFuture<Void> signal = written.remove(document.id());
            if (signal != null) signal.complete(null);
        }
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
        Optional<T> document = get(index, id, type);
        if (reached(document, minVersion, versionOf)) return document;
        if (!waiters.tryAcquire()) throw new TooManyWaitersException();
        try {
            long deadline = System.nanoTime() + maxWait.toNanos();
            long backOff = FIRST_BACK_OFF_MILLIS;
            while (true) {
                CompletableFuture<Void> signal = written.computeIfAbsent(id, key -> new CompletableFuture<>());
                document = get(index, id, type); // after taking the signal: a write in between is not missed
                if (reached(document, minVersion, versionOf)) return document;
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) throw new NotYetVisibleException(minVersion, document.map(versionOf::applyAsLong).orElse(null));
                try {
                    signal.get(Math.min(backOff, left), TimeUnit.MILLISECONDS);
                } catch (TimeoutException notYet) {
                    backOff = Math.min(LONGEST_BACK_OFF_MILLIS, backOff * 2);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new NotYetVisibleException(minVersion, document.map(versionOf::applyAsLong).orElse(null));
                } catch (ExecutionException impossible) {
                    throw new IllegalStateException(impossible);
                }
            }
        } finally {
            waiters.release();
        }
    }

    private static <T> boolean reached(Optional<T> document, long minVersion, ToLongFunction<T> versionOf) {
        return document.isPresent() && versionOf.applyAsLong(document.get()) >= minVersion;
    }

    /** More reads wait for the read model than this instance lets wait at once: 503, try again shortly. */
    public static class TooManyWaitersException extends RuntimeException {
        TooManyWaitersException() {
            super("Too many reads are waiting for the read model to catch up; try again shortly.");
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
