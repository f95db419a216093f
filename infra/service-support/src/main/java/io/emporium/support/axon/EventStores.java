package io.emporium.support.axon;


import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.serialization.Serializer;

/**
 * The event store both services use: Axon's JPA storage engine and embedded event store as its auto-configuration
 * builds them, except that every processor reads the event table itself. Axon's shared read-ahead cache filled a
 * 512 MB heap when a million events arrived at once (found by the benchmark). Declaring the store means declaring
 * its storage engine too.
 */
public final class EventStores {

    private EventStores() {
    }

    /**
     * @param streaming how processors read the table (batch size, gap limits); null for Axon's defaults
     */
    public static EventStorageEngine jpaStorageEngine(Serializer snapshotSerializer, Serializer eventSerializer,
                                                      PersistenceExceptionResolver persistenceExceptionResolver,
                                                      Configuration configuration, EntityManagerProvider entityManagerProvider,
                                                      TransactionManager transactionManager, Streaming streaming) {
        JpaEventStorageEngine.Builder builder = JpaEventStorageEngine.builder()
                .snapshotSerializer(snapshotSerializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .snapshotFilter(configuration.snapshotFilter())
                .entityManagerProvider(entityManagerProvider)
                .transactionManager(transactionManager);
        if (streaming != null) {
            builder.batchSize(streaming.fetchBatchSize())
                    .gapTimeout((int) streaming.gapTimeout().toMillis())
                    .maxGapOffset(streaming.maxGapOffset());
        }
        return builder.build();
    }

    /**
     * @param fetchBatchSize events per query
     * @param gapTimeout     how long a missing global index is waited for (its transaction may still commit)
     * @param maxGapOffset   how far behind the newest event a missing global index is still waited for
     */
    public record Streaming(int fetchBatchSize, java.time.Duration gapTimeout, int maxGapOffset) {
    }

    public static EmbeddedEventStore withoutReadAhead(EventStorageEngine storageEngine, Configuration configuration) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .optimizeEventConsumption(false)
                .build();
    }
}
