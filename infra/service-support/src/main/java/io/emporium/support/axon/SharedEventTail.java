package io.emporium.support.axon;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

import io.emporium.support.concurrent.DaemonThreads;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reading of the event table for all of a service's event processors that are near its head. The events read
 * last (at most {@code capacity}) are kept in order, as the storage engine returned them (upcast, their payloads
 * deserialized at most once); a processor whose position is among them takes its next events from there, and only one
 * that reaches the newest asks the store for more, once for everybody. A processor that is behind (a rebuild, a
 * restart, a slow one the others left behind) reads the store on its own, as before, and joins when it has caught up
 * to an event that is kept. Nothing is read ahead of the fastest reader: the memory is bounded by the capacity, and
 * a reader that falls out of it costs only its own reads.
 * <p>
 * A reader's position is its tracking token; it joins where an event kept carries exactly that token (the same gaps
 * too), so that every reader sees the sequence the store would have given it. A reader that caught up on its own
 * ahead of the kept events has the kept events read up to its position first (the others need them anyway), so that
 * it does not stay alone for want of a reading that holds its token.
 * <p>
 * Readers are told that events may be there ({@link BlockingStream#setOnAvailableCallback}) when a reading found new
 * ones, when this process stored events ({@link #eventsStored}), and at every tick (events other processes stored).
 * The store is read again at once only after a full fetch (more waiting); after a reading that reached the head, the
 * next waits half a tick, or, if this process stored events since, the read interval: commits in quick succession are
 * read together, and their readers woken once, not once per commit.
 */
public final class SharedEventTail implements StreamableMessageSource<TrackedEventMessage<?>>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SharedEventTail.class);

    private final EventStorageEngine storage;
    private final int fetchSize;
    private final long quietNanos;
    private final long readIntervalNanos;
    private final ScheduledExecutorService ticker;

    private final ReentrantLock lock = new ReentrantLock();
    /** Kept events, a ring: position p is at {@code kept[p % kept.length]}; kept are positions first to end - 1. */
    private final TrackedEventMessage<?>[] kept;
    private long first;
    private long end;
    /** The token before the event at {@code first}; where the next reading of the store starts when nothing is kept. */
    private TrackingToken beforeFirst;
    private boolean started;
    private int readers;
    /** When the store was last read, and whether that reading reached the head (fewer events than a fetch). */
    private long lastReadAt = System.nanoTime();
    private boolean lastReadAtHead;
    /** This process stored events since the last reading; whether readers are to be told of them. */
    private boolean storedSinceRead;
    private boolean tellScheduled;
    private final Set<Runnable> callbacks = ConcurrentHashMap.newKeySet();

    private final LongAdder readOnce = new LongAdder();
    private final LongAdder readAlone = new LongAdder();

    /**
     * @param capacity     events kept (a reader more than this far behind the fastest reads on its own)
     * @param fetchSize    events taken per reading of the store at most
     * @param tick         how often readers are told to look (events of other processes arrive within it)
     * @param readInterval the least time between two readings of the store for this process's commits: the wait a
     *                     commit may add before its readers see it, and the bound on readings per second under load
     */
    public SharedEventTail(EventStorageEngine storage, int capacity, int fetchSize, Duration tick, Duration readInterval) {
        if (capacity < fetchSize || fetchSize < 1) throw new IllegalArgumentException("needs 1 <= fetch size <= capacity");
        this.storage = storage;
        this.kept = new TrackedEventMessage<?>[capacity];
        this.fetchSize = fetchSize;
        this.quietNanos = tick.toNanos() / 2;
        this.readIntervalNanos = readInterval.toNanos();
        this.ticker = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("event-tail-tick"));
        ticker.scheduleWithFixedDelay(this::tellReaders, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * This process stored events: its readers are told once the read interval since the last reading has passed (at
     * once if it has), on the tail's own thread; events stored meanwhile are told with them.
     */
    public void eventsStored() {
        long wait;
        lock.lock();
        try {
            storedSinceRead = true;
            if (tellScheduled) return;
            tellScheduled = true;
            wait = lastReadAt + readIntervalNanos - System.nanoTime();
        } finally {
            lock.unlock();
        }
        tellStoredAfter(wait);
    }

    private void tellStoredAfter(long waitNanos) {
        try {
            ticker.schedule(this::tellStored, Math.max(0, waitNanos), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            // the tail is closed: nobody is left to tell
        }
    }

    private void tellStored() {
        long wait;
        lock.lock();
        try {
            // read meanwhile: told anyway (a reading that caught a reader up tells nobody); not yet: the interval
            // counts from the last reading
            wait = storedSinceRead ? lastReadAt + readIntervalNanos - System.nanoTime() : 0;
            tellScheduled = storedSinceRead && wait > 0;
        } finally {
            lock.unlock();
        }
        if (wait > 0) tellStoredAfter(wait);
        else tellReaders();
    }

    /**
     * {@code emporium.events.read{reader=shared}}: events taken from the store once for the readers of the kept ones;
     * {@code reader=alone}: by readers on their own (behind, or not at a kept position).
     */
    public SharedEventTail withMetrics(MeterRegistry registry) {
        FunctionCounter.builder("emporium.events.read", readOnce, LongAdder::sum).tag("reader", "shared")
                .description("events read from the event table for the processors near its head, once for all of them")
                .register(registry);
        FunctionCounter.builder("emporium.events.read", readAlone, LongAdder::sum).tag("reader", "alone")
                .description("events a processor read from the event table on its own (behind the others, or a rebuild)")
                .register(registry);
        return this;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return new Reader(trackingToken);
    }

    @Override
    public TrackingToken createTailToken() {
        return storage.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return storage.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return storage.createTokenAt(dateTime);
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }

    private void tellReaders() {
        for (Runnable callback : callbacks) {
            try {
                callback.run();
            } catch (RuntimeException e) {
                // a processor that is stopping refuses new tasks; the others must still be told
                log.debug("A reader's callback failed: {}", e.toString());
            }
        }
    }

    /** Where a reader at {@code token} continues among the kept events, or -1. Under the lock. */
    private long positionAfter(TrackingToken token) {
        if (started) {
            long position = keptPositionAfter(token);
            if (position < 0 && readers > 0 && token != null) position = catchUpTo(token);
            if (position >= 0 || readers > 0) return position;
        }
        // nobody reads the kept events, or none holds this position: they follow this reader from here
        for (long p = first; p < end; p++) kept[slot(p)] = null;
        first = end;
        beforeFirst = token;
        started = true;
        return end;
    }

    private long keptPositionAfter(TrackingToken token) {
        if (Objects.equals(token, beforeFirst)) return first;
        // the last event with that token: events upcast from one stored event share it and are taken together
        for (long p = end - 1; p >= first; p--) {
            if (Objects.equals(kept[slot(p)].trackingToken(), token)) return p + 1;
        }
        return -1;
    }

    private int slot(long position) {
        return (int) (position % kept.length);
    }

    /** Whether a reading of the store now may find what the last one did not. Under the lock. */
    private boolean mayReadNow() {
        if (!lastReadAtHead) return true;
        long since = System.nanoTime() - lastReadAt;
        return since >= quietNanos || storedSinceRead && since >= readIntervalNanos;
    }

    /** Reads the store after the newest kept event. Under the lock. @return whether events were added */
    private boolean readMore() {
        TrackingToken after = end == first ? beforeFirst : kept[slot(end - 1)].trackingToken();
        lastReadAt = System.nanoTime();
        storedSinceRead = false;
        int added = 0;
        try (Stream<? extends TrackedEventMessage<?>> stream = storage.readEvents(after, false)) {
            Iterator<? extends TrackedEventMessage<?>> events = stream.iterator();
            TrackedEventMessage<?> event = events.hasNext() ? events.next() : null;
            // beyond the fetch size only the rest of the events upcast from one stored event: never split them
            while (event != null && (added < fetchSize || event.trackingToken().equals(kept[slot(end - 1)].trackingToken()))) {
                if (end - first == kept.length) {
                    beforeFirst = kept[slot(first)].trackingToken();
                    kept[slot(first)] = null;
                    first++;
                }
                kept[slot(end)] = event;
                end++;
                added++;
                event = events.hasNext() ? events.next() : null;
            }
        }
        readOnce.add(added);
        lastReadAtHead = added < fetchSize;
        return added > 0;
    }

    /**
     * For a reader that caught up on its own ahead of the kept events: they are read up to its position (a few
     * fetches at most). Under the lock. @return where it continues among them, or -1
     */
    private long catchUpTo(TrackingToken token) {
        for (int reading = 0; reading < 4 && end > first; reading++) {
            TrackingToken newest = kept[slot(end - 1)].trackingToken();
            if (!token.covers(newest) || token.equals(newest) || !readMore()) break;
            long position = keptPositionAfter(token);
            if (position >= 0) return position;
        }
        return -1;
    }

    private final class Reader implements BlockingStream<TrackedEventMessage<?>> {

        private TrackingToken lastToken;
        /** Position of the next event among the kept ones; -1 while reading alone. */
        private long next = -1;
        private Stream<? extends TrackedEventMessage<?>> alone;
        private Iterator<? extends TrackedEventMessage<?>> aloneEvents;
        private TrackedEventMessage<?> peeked;
        private boolean peekedKept;
        private Runnable callback;

        private Reader(TrackingToken from) {
            this.lastToken = from;
            lock.lock();
            try {
                join();
            } finally {
                lock.unlock();
            }
        }

        /** Under the lock. */
        private void join() {
            next = positionAfter(lastToken);
            if (next >= 0) readers++;
        }

        /** Under the lock. */
        private void leave() {
            if (next >= 0) readers--;
            next = -1;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return Optional.ofNullable(hasNextAvailable() ? peeked : null);
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            long until = System.nanoTime() + unit.toNanos(timeout);
            while (!hasNextAvailable()) {
                long left = until - System.nanoTime();
                if (left <= 0) return false;
                Thread.sleep(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, 50));
            }
            return true;
        }

        @Override
        public boolean hasNextAvailable() {
            if (peeked == null) peeked = take();
            return peeked != null;
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            while (!hasNextAvailable()) {
                Thread.sleep(50);
            }
            TrackedEventMessage<?> event = peeked;
            peeked = null;
            lastToken = event.trackingToken();
            if (peekedKept) next++;
            return event;
        }

        private TrackedEventMessage<?> take() {
            if (next >= 0) {
                TrackedEventMessage<?> event = fromKept();
                if (event != null || next >= 0) return event;
            }
            if (aloneEvents == null) {
                alone = storage.readEvents(lastToken, false);
                aloneEvents = alone.iterator();
            }
            if (aloneEvents.hasNext()) {
                readAlone.increment();
                peekedKept = false;
                return aloneEvents.next();
            }
            closeAlone();
            // caught up with the store as it was: continue among the kept events if they hold this position
            lock.lock();
            try {
                join();
            } finally {
                lock.unlock();
            }
            return next >= 0 ? fromKept() : null;
        }

        /** The next kept event; null when there is none yet, with {@code next} -1 when this reader fell behind. */
        private TrackedEventMessage<?> fromKept() {
            boolean grew = false;
            TrackedEventMessage<?> event = null;
            lock.lock();
            try {
                if (next < first) {
                    leave();
                    return null;
                }
                if (next == end && mayReadNow()) grew = readMore();
                if (next < end) {
                    event = kept[slot(next)];
                    peekedKept = true;
                }
            } finally {
                lock.unlock();
            }
            if (grew) tellReaders();
            return event;
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            this.callback = callback;
            callbacks.add(callback);
            return true;
        }

        @Override
        public void close() {
            if (callback != null) callbacks.remove(callback);
            closeAlone();
            lock.lock();
            try {
                leave();
            } finally {
                lock.unlock();
            }
        }

        private void closeAlone() {
            if (alone != null) alone.close();
            alone = null;
            aloneEvents = null;
        }
    }
}
