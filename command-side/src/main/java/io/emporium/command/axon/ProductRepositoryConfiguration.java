package io.emporium.command.axon;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.emporium.command.product.Product;
import io.emporium.support.concurrent.DaemonThreads;
import jakarta.annotation.PreDestroy;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.SnapshotterSpanFactory;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.modelling.command.Repository;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How products are loaded: snapshots taken on a thread of their own, and a cache checked against the event store. */
@Configuration
class ProductRepositoryConfiguration {

    private final ExecutorService snapshotThread = Executors.newSingleThreadExecutor(DaemonThreads.named("snapshotter"));

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
}
