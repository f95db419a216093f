package io.emporium.command.axon;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ScheduledExecutorService;
import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.task.DeadExecutionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import io.emporium.api.upcasting.EventUpcasters;
import io.emporium.command.idempotency.IdempotencyStore;
import io.emporium.command.idempotency.IdempotentCommandInterceptor;
import io.emporium.command.order.AwaitedCommands;
import io.emporium.command.order.ReservationWindow;
import io.emporium.command.product.Product;
import io.emporium.support.axon.EventStores;
import io.emporium.support.axon.TokenStores;
import io.emporium.support.axon.TransactionConnections;
import io.emporium.support.concurrent.DaemonThreads;
import io.emporium.support.logging.LogContext;
import jakarta.annotation.PreDestroy;
import org.axonframework.commandhandling.AsynchronousCommandBus;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandBusSpanFactory;
import org.axonframework.commandhandling.DuplicateCommandHandlerResolver;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.deadline.dbscheduler.DbSchedulerBinaryDeadlineDetails;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.SnapshotterSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.modelling.command.Repository;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How commands are handled: own threads, retries of lost races, idempotency keys in the command's transaction,
 * snapshots and a store-checked cache of products, the order saga's processing, and the orders' reservation deadlines
 * (Axon's db-scheduler deadline manager, table scheduled_tasks).
 */
@Configuration
class CommandHandlingConfiguration {

    private final ExecutorService snapshotThread = Executors.newSingleThreadExecutor(DaemonThreads.named("snapshotter"));

    /**
     * Axon's aggregate lock is per JVM. Across instances the event table's unique (aggregate, sequence) key turns a
     * lost race into a {@link ConcurrencyException}: retry exactly that a bounded number of times, never anything
     * else (a refused command stays refused).
     */
    @Bean(destroyMethod = "shutdown")
    ScheduledExecutorService commandRetryExecutor() {
        return Executors.newScheduledThreadPool(1, DaemonThreads.named("command-retry"));
    }

    /**
     * Commands are handled on their own threads, each in its own transaction. A command the order saga sends thus
     * never joins the saga's transaction: a lost race on a product fails (and retries) that command alone.
     */
    @Bean(destroyMethod = "shutdown")
    ExecutorService commandExecutor(@Value("${emporium.commands.threads}") int threads) {
        AtomicInteger counter = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, r -> new Thread(r, "command-" + counter.incrementAndGet()));
    }

    @Bean
    @Qualifier("localSegment")
    CommandBus commandBus(TransactionManager transactionManager, org.axonframework.config.Configuration configuration,
                          DuplicateCommandHandlerResolver duplicateResolver, ExecutorService commandExecutor,
                          IdempotencyStore idempotencyKeys) {
        AsynchronousCommandBus bus = AsynchronousCommandBus.builder()
                .executor(commandExecutor)
                .transactionManager(transactionManager)
                .duplicateCommandHandlerResolver(duplicateResolver)
                .spanFactory(configuration.getComponent(CommandBusSpanFactory.class))
                .messageMonitor(configuration.messageMonitor(AsynchronousCommandBus.class, "commandBus"))
                .build();
        bus.registerHandlerInterceptor(new CorrelationDataInterceptor<>(configuration.correlationDataProviders()));
        bus.registerHandlerInterceptor(LogContext.aggregateOfMessage());
        // after the transaction interceptor (the builder registers it first): inside the command's transaction
        bus.registerHandlerInterceptor(new IdempotentCommandInterceptor(idempotencyKeys));
        return bus;
    }

    @Bean
    CommandGateway commandGateway(CommandBus commandBus, ScheduledExecutorService commandRetryExecutor,
                                  @Value("${emporium.commands.concurrency-retries}") int retries,
                                  @Value("${emporium.commands.retry-interval}") Duration interval) {
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(IntervalRetryScheduler.builder()
                        .retryExecutor(commandRetryExecutor)
                        .maxRetryCount(retries)
                        .retryInterval((int) interval.toMillis())
                        .nonTransientFailurePredicate(failure -> !isLostRace(failure))
                        .build())
                .build();
    }

    static boolean isLostRace(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConcurrencyException) return true;
        }
        return false;
    }

    /** Old revisions and old names of events, read as the current ones (Axon registers EventUpcaster beans with the event store). */
    @Bean
    EventUpcaster eventUpcasters() {
        return EventUpcasters.all();
    }

    /**
     * Snapshots are taken on a thread of their own. Axon's default takes them in the command's thread right after
     * its commit, while the aggregate is still locked, in a transaction that needs a second connection: when every
     * pooled connection was held by commands waiting for that same aggregate (a much-ordered product), nothing moved
     * until the pool's 30 s timeout (TwoInstancesIT, once the saga sent its commands in bursts).
     */
    @Bean
    SpringAggregateSnapshotter aggregateSnapshotter(org.axonframework.config.Configuration configuration,
                                                    HandlerDefinition handlerDefinition,
                                                    ParameterResolverFactory parameterResolverFactory, EventStore eventStore,
                                                    TransactionManager transactionManager, SnapshotterSpanFactory spanFactory) {
        return SpringAggregateSnapshotter.builder()
                .repositoryProvider(configuration::repository)
                .transactionManager(transactionManager)
                .eventStore(eventStore)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .spanFactory(spanFactory)
                .executor(snapshotThread)
                .build();
    }

    @PreDestroy
    void stopSnapshotThread() {
        snapshotThread.shutdown();
    }

    @Bean
    SnapshotTriggerDefinition productSnapshotTrigger(Snapshotter snapshotter,
                                                     @Value("${emporium.snapshots.product-threshold}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    /**
     * Products are cached, and every cached one is checked against the event store before it is used; without the
     * cache ({@code emporium.commands.product-cache=false}) each command loads the product's snapshot and later events.
     */
    @Bean
    Repository<Product> productRepository(EventStore eventStore, SnapshotTriggerDefinition productSnapshotTrigger,
                                          ParameterResolverFactory parameterResolverFactory, HandlerDefinition handlerDefinition,
                                          org.axonframework.config.Configuration configuration,
                                          @Value("${emporium.commands.product-cache}") boolean cached) {
        EventSourcingRepository.Builder<Product> builder = EventSourcingRepository.builder(Product.class)
                .snapshotTriggerDefinition(productSnapshotTrigger)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .repositoryProvider(configuration::repository);
        return cached ? new StoreCheckedCachingRepository<>(builder, new WeakReferenceCache(), eventStore)
                : builder.eventStore(eventStore).build();
    }

    @Bean
    ReservationWindow reservationWindow(@Value("${emporium.orders.reservation-timeout}") Duration timeout) {
        return new ReservationWindow(timeout);
    }

    @Bean
    AwaitedCommands sagaCommands(CommandGateway commandGateway, @Value("${emporium.orders.saga-command-timeout}") Duration timeout) {
        return new AwaitedCommands(commandGateway, timeout);
    }

    /**
     * The order saga: one sequence per order ({@link OrderSequencingPolicy}), and a failing handler fails its batch
     * (Axon's default logs and goes on, which would lose the commands the saga decided to send).
     */
    @Bean
    ConfigurerModule orderSagaProcessing() {
        return configurer -> configurer.eventProcessing()
                .registerSequencingPolicy(ORDER_SAGA_PROCESSOR, c -> new OrderSequencingPolicy())
                .registerListenerInvocationErrorHandler(ORDER_SAGA_PROCESSOR, c -> PropagatingErrorHandler.instance());
    }

    static final String ORDER_SAGA_PROCESSOR = "OrderFulfilmentSagaProcessor";

    /** See {@link TokenStores}: a restarted instance takes its saga segments back at once. */
    @Bean
    TokenStore tokenStore(Serializer serializer, DataSource dataSource, @Value("${server.port}") int port,
                          @Value("${axon.eventhandling.tokenstore.claim-timeout:10s}") Duration claimTimeout) {
        return TokenStores.jdbc(dataSource, serializer, port, claimTimeout);
    }

    /**
     * Axon's deadline task, retried soon when it fails (db-scheduler's default waits 5 minutes): a deadline that lost a
     * race with a command on another instance fires again within seconds, so no order stays pending for long.
     */
    @Bean
    @Qualifier("deadlineDetailsTask")
    Task<DbSchedulerBinaryDeadlineDetails> deadlineDetailsTask(ApplicationContext context) {
        Task<DbSchedulerBinaryDeadlineDetails> axons =
                DbSchedulerDeadlineManager.binaryTask(() -> context.getBean(DbSchedulerDeadlineManager.class));
        return new OneTimeTask<>(axons.getName(), DbSchedulerBinaryDeadlineDetails.class,
                new FailureHandler.ExponentialBackoffFailureHandler<>(Duration.ofSeconds(1), 1.5),
                new DeadExecutionHandler.ReviveDeadExecution<>()) {
            @Override
            public void executeOnce(TaskInstance<DbSchedulerBinaryDeadlineDetails> instance, ExecutionContext executionContext) {
                axons.execute(instance, executionContext);
            }
        };
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
     * The order saga's state through Axon's JDBC saga store, on the command's connection like the events: the JPA
     * saga store was 10% of this service's CPU (benchmark profile), part of it Hibernate parsing the store's named
     * queries again and again. Same tables and columns as before (V1; V7 lets the association insert draw its id).
     */
    @Bean
    SagaStore<Object> sagaStore(Serializer serializer, DataSource dataSource) {
        return JdbcSagaStore.builder()
                .connectionProvider(TransactionConnections.of(dataSource))
                .sqlSchema(new PostgresSagaSqlSchema(SagaSchema.builder()
                        .sagaEntryTable("saga_entry").associationValueEntryTable("association_value_entry")
                        .sagaIdColumn("saga_id").sagaTypeColumn("saga_type").revisionColumn("revision").serializedSagaColumn("serialized_saga")
                        .associationKeyColumn("association_key").associationValueColumn("association_value")
                        .build()))
                .serializer(serializer)
                .build();
    }

    @Bean
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration configuration) {
        return EventStores.withoutReadAhead(storageEngine, configuration);
    }
}
