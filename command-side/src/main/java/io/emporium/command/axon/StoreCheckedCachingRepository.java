package io.emporium.command.axon;

import java.util.Objects;

import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.CachingEventSourcingRepository;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Axon's caching repository, except that a cached aggregate is used only while it is as new as the event store says:
 * its last sequence number is read on every load (one indexed query instead of a snapshot and the events after it).
 * Another instance that appended meanwhile makes the entry stale; it is then dropped and the aggregate loaded from
 * the store. Without this check a stale entry decides on old state: it answers "no change" to a value that another
 * instance has changed since, or refuses a reservation made on another instance.
 */
class StoreCheckedCachingRepository<T> extends CachingEventSourcingRepository<T> {

    private final Cache cache;
    private final EventStore eventStore;

    StoreCheckedCachingRepository(EventSourcingRepository.Builder<T> builder, Cache cache, EventStore eventStore) {
        super(builder.cache(cache).eventStore(eventStore));
        this.cache = cache;
        this.eventStore = eventStore;
    }

    @Override
    protected EventSourcedAggregate<T> doLoadWithLock(String aggregateIdentifier, Long expectedVersion) {
        if (cache.containsKey(aggregateIdentifier)) {
            EventSourcedAggregate<T> cached = super.doLoadWithLock(aggregateIdentifier, expectedVersion);
            Long stored = eventStore.lastSequenceNumberFor(aggregateIdentifier).orElse(null);
            if (Objects.equals(cached.version(), stored)) return cached;
            cache.remove(aggregateIdentifier);
        }
        return super.doLoadWithLock(aggregateIdentifier, expectedVersion);
    }
}
