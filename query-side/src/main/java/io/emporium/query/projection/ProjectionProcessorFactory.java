package io.emporium.query.projection;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import io.emporium.support.axon.SharedEventTail;
import io.emporium.support.concurrent.DaemonThreads;
import io.emporium.support.logging.LogContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessorSpanFactory;
import org.axonframework.eventhandling.deadletter.DeadLetteringEventHandlerInvoker;
import org.axonframework.eventhandling.deadletter.jpa.JpaSequencedDeadLetterQueue;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Builds the pooled streaming processor of one index generation: tokens in the query schema, events from the
 * event table through the service's one tail, failures of an event into Axon's JPA dead-letter queue (its
 * aggregate's later events follow it there, the others keep flowing), one Elasticsearch bulk request per batch.
 */
@Component
public class ProjectionProcessorFactory {

    private final SharedEventTail events;
    private final ProjectionDocuments documents;
    private final TokenStore tokenStore;
    private final TransactionManager transactionManager;
    private final EntityManagerProvider entityManagerProvider;
    private final Serializer serializer;
    private final MeterRegistry meters;
    private final ProjectionSettings settings;
    private final EventProcessorSpanFactory spans;
    private final ObjectProvider<Configuration> axon;

    /**
     * @param spans Axon's spans of batches and handlers (no-op unless tracing is on): an event's handling joins its trace
     * @param axon Axon's configuration, for its processor metrics (axon-micrometer), asked when a processor is made
     */
    ProjectionProcessorFactory(SharedEventTail events, ProjectionDocuments documents, TokenStore tokenStore,
                         TransactionManager transactionManager, EntityManagerProvider entityManagerProvider,
                         Serializer serializer, MeterRegistry meters, ProjectionSettings settings, EventProcessorSpanFactory spans,
                         ObjectProvider<Configuration> axon) {
        this.spans = spans;
        this.axon = axon;
        this.events = events;
        this.documents = documents;
        this.tokenStore = tokenStore;
        this.transactionManager = transactionManager;
        this.entityManagerProvider = entityManagerProvider;
        this.serializer = serializer;
        this.meters = meters;
        this.settings = settings;
    }

    /** @param batchSize events per batch; null for the configured size of live or rebuilding processors */
    public ProjectionProcessor create(DocumentProjection<?> projection, String index, int generation, boolean rebuilding, Integer batchSize) {
        String name = ProjectionState.processorName(projection.name(), generation);
        JpaSequencedDeadLetterQueue<EventMessage<?>> deadLetters = deadLetterQueue(name);
        DeadLetteringEventHandlerInvoker invoker = DeadLetteringEventHandlerInvoker.builder()
                .eventHandlers(projection.handlerFor(index, documents))
                .queue(deadLetters)
                .enqueuePolicy(onlyFaultsOfTheEvent(documents))
                .transactionManager(transactionManager)
                .enableSequenceIdentifierCache()
                .build();
        Counter handled = Counter.builder("emporium.projection.events").tag("processor", name)
                .description("events handled by a projection processor").register(meters);
        ScheduledExecutorService coordinator = Executors.newSingleThreadScheduledExecutor(DaemonThreads.numbered(name + "-coordinator"));
        ScheduledExecutorService workers = Executors.newScheduledThreadPool(settings.threads(), DaemonThreads.numbered(name + "-worker"));
        PooledStreamingEventProcessor processor = PooledStreamingEventProcessor.builder()
                .name(name)
                .eventHandlerInvoker(invoker)
                .messageSource(events)
                .tokenStore(tokenStore)
                .transactionManager(transactionManager)
                .coordinatorExecutor(coordinator)
                .workerExecutor(workers)
                .initialSegmentCount(settings.segments())
                .initialToken(StreamableMessageSource::createTailToken)
                .batchSize(batchSize != null ? batchSize : rebuilding ? settings.rebuildBatchSize() : settings.batchSize())
                .tokenClaimInterval(settings.tokenClaimIntervalMillis())
                .spanFactory(spans)
                .messageMonitor(axon.getObject().messageMonitor(PooledStreamingEventProcessor.class, name))
                .build();
        processor.registerHandlerInterceptor(LogContext.aggregateOfMessage());
        processor.registerHandlerInterceptor((unitOfWork, chain) -> {
            handled.increment();
            if (!rebuilding) documents.markLive(unitOfWork);
            return chain.proceed();
        });
        return new ProjectionProcessor(projection.name(), generation, rebuilding, index, processor, invoker, deadLetters,
                coordinator, workers);
    }

    /** The dead letters of one processor, also for instances that do not run it. */
    public JpaSequencedDeadLetterQueue<EventMessage<?>> deadLetterQueue(String processorName) {
        return new BoundedDeadLetterQueue<>(JpaSequencedDeadLetterQueue.<EventMessage<?>>builder()
                .processingGroup(processorName)
                .entityManagerProvider(entityManagerProvider)
                .transactionManager(transactionManager)
                .serializer(serializer)
                .maxSequences(settings.deadLetterMaxSequences())
                .maxSequenceSize(settings.deadLetterMaxSequenceSize()),
                Counter.builder("emporium.projection.dead.letters.dropped").tag("processor", processorName)
                        .description("events dropped because the dead-letter queue was full").register(meters));
    }

    /**
     * An event is dead-lettered when handling it failed because of the event or the document it touches. When
     * Elasticsearch itself was away, the whole batch fails instead (the documents' store knows) and is handled again.
     */
    static EnqueuePolicy<EventMessage<?>> onlyFaultsOfTheEvent(ProjectionDocuments documents) {
        // the cause's message truncated to what its column holds: a longer one would fail the enqueue itself
        return (letter, cause) -> documents.unavailableInThisBatch() ? Decisions.doNotEnqueue()
                : Decisions.enqueue(ThrowableCause.truncated(cause));
    }
}
