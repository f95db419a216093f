package io.emporium.query.persistence;

import java.sql.SQLException;

import javax.sql.DataSource;

import io.emporium.api.upcasting.ProductCreatedEventUpcaster;
import io.emporium.support.axon.EventStores;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.deadletter.jpa.DeadLetterEntry;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jpa.JpaTokenStore;
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

    @Bean
    TokenStore tokenStore(Serializer serializer, EntityManagerProvider entityManagerProvider) {
        return JpaTokenStore.builder().entityManagerProvider(entityManagerProvider).serializer(serializer).build();
    }

    /** Old revisions of events, read as the current ones (Axon registers EventUpcaster beans with the event store). */
    @Bean
    ProductCreatedEventUpcaster productCreatedEventUpcaster() {
        return new ProductCreatedEventUpcaster();
    }

    /**
     * Reads the event table in pages of {@code fetch-batch-size} (Axon's default is 100): a rebuild's batches of a
     * thousand events then cost one query each, not ten.
     */
    @Bean
    EventStorageEngine eventStorageEngine(Serializer serializer, @Qualifier("eventSerializer") Serializer eventSerializer,
                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                          org.axonframework.config.Configuration configuration,
                                          EntityManagerProvider entityManagerProvider, TransactionManager transactionManager,
                                          @Value("${emporium.projections.fetch-batch-size}") int fetchBatchSize) {
        return EventStores.jpaStorageEngine(serializer, eventSerializer, persistenceExceptionResolver, configuration,
                entityManagerProvider, transactionManager, fetchBatchSize);
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
