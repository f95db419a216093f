package io.emporium.query.persistence;

import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import io.emporium.api.upcasting.ProductCreatedEventUpcaster;
import io.emporium.support.axon.EventStores;
import io.emporium.support.axon.TokenStores;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.deadletter.jpa.DeadLetterEntry;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jpa.TokenEntry;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLErrorCodesResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.util.jpa.ContainerManagedEntityManagerProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.domain.EntityScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Tokens and dead letters in the query schema; events are read from the command schema, read-only. */
@Configuration
@EntityScan(basePackageClasses = {TokenEntry.class, DeadLetterEntry.class})
class QueryPersistence {

    @Bean
    EntityManagerProvider entityManagerProvider() {
        return new ContainerManagedEntityManagerProvider();
    }

    /** See {@link TokenStores}: a restarted instance takes its projections' segments back at once. */
    @Bean
    TokenStore tokenStore(Serializer serializer, EntityManagerProvider entityManagerProvider, @Value("${server.port}") int port,
                          @Value("${axon.eventhandling.tokenstore.claim-timeout:10s}") Duration claimTimeout) {
        return TokenStores.jpa(entityManagerProvider, serializer, port, claimTimeout);
    }

    /** Old revisions of events, read as the current ones (Axon registers EventUpcaster beans with the event store). */
    @Bean
    ProductCreatedEventUpcaster productCreatedEventUpcaster() {
        return new ProductCreatedEventUpcaster();
    }

    /**
     * Reads the event table in pages of {@code fetch-batch-size} (Axon's default is 100): a rebuild's batches of a
     * thousand events then cost one query each, not ten. Gap limits: an insert draws its global index before its
     * transaction commits, so a missing index may still arrive; it is waited for up to {@code gap-timeout} and
     * {@code max-gap-offset} events (Axon's defaults, 60 s and 10,000: far beyond a command's transaction, which times
     * out within seconds). An event that commits later still is skipped by the processors (Axon #4829) and repaired
     * by the reconciliation.
     */
    @Bean
    EventStorageEngine eventStorageEngine(Serializer serializer, @Qualifier("eventSerializer") Serializer eventSerializer,
                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                          org.axonframework.config.Configuration configuration,
                                          EntityManagerProvider entityManagerProvider, TransactionManager transactionManager,
                                          @Value("${emporium.projections.fetch-batch-size}") int fetchBatchSize,
                                          @Value("${emporium.projections.gap-timeout}") Duration gapTimeout,
                                          @Value("${emporium.projections.max-gap-offset}") int maxGapOffset) {
        return EventStores.jpaStorageEngine(serializer, eventSerializer, persistenceExceptionResolver, configuration,
                entityManagerProvider, transactionManager, new EventStores.Streaming(fetchBatchSize, gapTimeout, maxGapOffset));
    }

    /** Each processor reads the table itself (see EventStores); PolledEventSource tells them when to look. */
    @Bean
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration configuration) {
        return EventStores.withoutReadAhead(storageEngine, configuration);
    }

    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver(DataSource dataSource) throws SQLException {
        return new SQLErrorCodesResolver(dataSource);
    }
}
