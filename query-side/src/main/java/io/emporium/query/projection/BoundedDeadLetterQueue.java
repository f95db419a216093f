package io.emporium.query.projection;

import io.micrometer.core.instrument.Counter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jpa.JpaSequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.DeadLetterQueueOverflowException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Axon's JPA dead-letter queue with a capacity that never stops a projection: when it is full (too many sequences, or
 * too many letters in one) the letter is dropped, logged and counted ({@code emporium.projection.dead.letters.dropped})
 * instead of failing the batch, which Axon's queue does and which stops every other sequence too. The document that
 * letter would have built differs from the event store until {@code verify --repair} mends it.
 */
class BoundedDeadLetterQueue<M extends EventMessage<?>> extends JpaSequencedDeadLetterQueue<M> {

    private static final Logger log = LoggerFactory.getLogger(BoundedDeadLetterQueue.class);

    private final Counter dropped;

    BoundedDeadLetterQueue(JpaSequencedDeadLetterQueue.Builder<M> builder, Counter dropped) {
        super(builder);
        this.dropped = dropped;
    }

    @Override
    public void enqueue(Object sequenceIdentifier, DeadLetter<? extends M> letter) {
        try {
            super.enqueue(sequenceIdentifier, letter);
        } catch (DeadLetterQueueOverflowException full) {
            dropped.increment();
            log.error("Dead-letter queue full: event {} of {} dropped ({}); run verify --repair for this projection",
                    letter.message().getIdentifier(), sequenceIdentifier, full.getMessage());
        }
    }
}
