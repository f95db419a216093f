package io.emporium.query.eventlog;

import java.time.Duration;

import io.emporium.api.upcasting.EventUpcasters;
import io.emporium.support.axon.EventStores;
import io.emporium.support.axon.SharedEventTail;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The command side's event log, as the query side reads it: through its own read-only connection
 * ({@code EMPORIUM_EVENTS_DB_*}), which may point at another server or a read replica, with Axon's JDBC storage
 * engine over the table the command side appends to.
 */
@Configuration
@EnableConfigurationProperties(EventLogProperties.class)
class EventLog {

    @Bean(destroyMethod = "destroy")
    EventLogConnection eventLogConnection(EventLogProperties properties) {
        return new EventLogConnection(properties);
    }

    /** Old revisions and old names of events, read as the current ones (Axon registers EventUpcaster beans with the event store). */
    @Bean
    EventUpcaster eventUpcasters() {
        return EventUpcasters.all();
    }

    /**
     * Reads the event table in pages of {@code fetch-batch-size} (Axon's default is 100): a rebuild's batches of a
     * thousand events then cost one query each, not ten. Gap limits: an insert draws its global index before its
     * transaction commits, so a missing index may still arrive; it is waited for up to {@code gap-timeout} and
     * {@code max-gap-offset} events (Axon's defaults, 60 s and 10,000: far beyond a command's transaction, which times
     * out within seconds). An event that commits later still is skipped by the processors (Axon #4829) and repaired
     * by the reconciliation. Nothing is ever written here, so no transaction manager.
     */
    @Bean
    EventStorageEngine eventStorageEngine(Serializer serializer, @Qualifier("eventSerializer") Serializer eventSerializer,
                                          org.axonframework.config.Configuration configuration, EventLogConnection eventLog,
                                          @Value("${emporium.projections.fetch-batch-size}") int fetchBatchSize,
                                          @Value("${emporium.projections.gap-timeout}") Duration gapTimeout,
                                          @Value("${emporium.projections.max-gap-offset}") int maxGapOffset) {
        return JdbcEventStorageEngine.builder()
                .connectionProvider(new DataSourceConnectionProvider(eventLog.dataSource()))
                .transactionManager(NoTransactionManager.INSTANCE)
                .schema(EventStores.eventTable(eventLog.table()))
                .dataType(byte[].class)
                .persistenceExceptionResolver(new JdbcSQLErrorCodesResolver())
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(configuration.upcasterChain())
                .snapshotFilter(configuration.snapshotFilter())
                .batchSize(fetchBatchSize)
                .gapTimeout((int) gapTimeout.toMillis())
                .maxGapOffset(maxGapOffset)
                .build();
    }

    /**
     * The projections' processors read the event table through one tail (four fetches' worth of events kept): the
     * live ones near its head take each event from one query, a rebuild reads on its own until it has caught up. The
     * events come from another process, so the readers are told to look every {@code fetch-delay}.
     */
    @Bean
    SharedEventTail sharedEventTail(EventStorageEngine storageEngine, MeterRegistry meters,
                                    @Value("${emporium.projections.fetch-batch-size}") int fetchBatchSize,
                                    @Value("${emporium.projections.fetch-delay}") Duration fetchDelay) {
        // no events of its own: the read interval (which paces readings for this process's commits) never applies
        return new SharedEventTail(storageEngine, 4 * fetchBatchSize, fetchBatchSize, fetchDelay, fetchDelay).withMetrics(meters);
    }

    @Bean
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration configuration) {
        return EventStores.withoutReadAhead(storageEngine, configuration);
    }
}
