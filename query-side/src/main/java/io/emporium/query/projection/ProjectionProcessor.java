package io.emporium.query.projection;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.DeadLetteringEventHandlerInvoker;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;

/**
 * One running processor of one index generation of a projection, with its dead-letter queue and its threads.
 * {@code rebuilding}: it builds a new generation (large batches) rather than keeping the live one current.
 */
public record ProjectionProcessor(String projection,
                                  int generation,
                                  boolean rebuilding,
                                  String index,
                                  PooledStreamingEventProcessor processor,
                                  DeadLetteringEventHandlerInvoker invoker,
                                  SequencedDeadLetterQueue<EventMessage<?>> deadLetters,
                                  ScheduledExecutorService coordinator,
                                  ScheduledExecutorService workers) {

    public String name() {
        return processor.getName();
    }

    void start() {
        processor.start();
    }

    /** Stops processing, releases the segments' claims and ends the threads. */
    void shutdown() {
        try {
            processor.shutdownAsync().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            Thread.currentThread().interrupt();
        } finally {
            coordinator.shutdownNow();
            workers.shutdownNow();
        }
    }
}
