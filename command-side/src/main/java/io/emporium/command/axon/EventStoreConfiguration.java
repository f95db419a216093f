package io.emporium.command.axon;

import java.time.Duration;
import javax.sql.DataSource;

import io.emporium.api.upcasting.EventUpcasters;
import io.emporium.support.axon.EventStores;
import io.emporium.support.axon.SharedEventTail;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import io.emporium.support.axon.TokenStores;
import io.emporium.support.axon.TransactionConnections;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where events, tokens and transactions live: Axon's JDBC storage engine on the command's connection, the upcasters of
 * old event revisions, the token store, and a plain JDBC transaction manager (this service keeps nothing in JPA).
 */
@Configuration
class EventStoreConfiguration {

    /** Old revisions and old names of events, read as the current ones (Axon registers EventUpcaster beans with the event store). */
    /**
     * Commands, the saga, tokens, idempotency keys and deadlines all use JDBC on the transaction's one connection:
     * Spring Boot's JPA transaction manager opened an entity manager for each of them that nothing used.
     */
    @Bean
    PlatformTransactionManager transactionManager(DataSource dataSource) {
        return new JdbcTransactionManager(dataSource);
    }

    @Bean
    EventUpcaster eventUpcasters() {
        return EventUpcasters.all();
    }

    /**
     * Axon's JDBC storage engine on the command's own connection (the transaction that also holds its idempotency
     * key): one batched insert per command's events, no entity manager. Hibernate's persist, flush and insert were 16%
     * of this service's CPU with the JPA engine (benchmark profile). The global index is the column's default, drawn
     * by the insert (V3); a lost race on (aggregate, sequence) is a duplicate key, which the resolver turns into a
     * {@link ConcurrencyException}.
     */
    @Bean
    EventStorageEngine eventStorageEngine(Serializer serializer, @Qualifier("eventSerializer") Serializer eventSerializer,
                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                          org.axonframework.config.Configuration configuration, DataSource dataSource,
                                          TransactionManager transactionManager) {
        return JdbcEventStorageEngine.builder()
                .connectionProvider(TransactionConnections.of(dataSource))
                .transactionManager(transactionManager)
                .schema(EventStores.tables("domain_event_entry", "snapshot_event_entry"))
                .dataType(byte[].class)
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(configuration.upcasterChain())
                .snapshotFilter(configuration.snapshotFilter())
                // the order saga reads the table in pages of a thousand events (Axon's default is 100), as the projections do
                .batchSize(1000)
                .build();
    }

    /**
     * The saga's, payments', publishing's and webhooks' processors read the event table through one tail (each
     * processor's {@code source}): near the head each event is read once for all four. They are told to look when
     * this instance has committed events (at most once per read interval: the commits of a busy instance are read
     * together, and the saga's batches grow with them), and twice a second for those of other instances.
     */
    @Bean
    SharedEventTail sharedEventTail(EventStorageEngine storageEngine, EmbeddedEventStore eventStore, MeterRegistry meters,
                                    @Value("${emporium.events.read-interval}") Duration readInterval) {
        SharedEventTail tail = new SharedEventTail(storageEngine, 4000, 1000, Duration.ofMillis(500), readInterval)
                .withMetrics(meters);
        // called as a command's unit of work prepares to commit: the events are there once it has committed
        eventStore.subscribe(events -> CurrentUnitOfWork.ifStarted(unitOfWork -> unitOfWork.afterCommit(u -> tail.eventsStored())));
        return tail;
    }

    @Bean
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration configuration) {
        return EventStores.withoutReadAhead(storageEngine, configuration);
    }

    /** See {@link TokenStores}: a restarted instance takes its saga segments back at once. */
    @Bean
    TokenStore tokenStore(Serializer serializer, DataSource dataSource, @Value("${server.port}") int port,
                          @Value("${axon.eventhandling.tokenstore.claim-timeout:10s}") Duration claimTimeout) {
        return TokenStores.jdbc(dataSource, serializer, port, claimTimeout);
    }
}
