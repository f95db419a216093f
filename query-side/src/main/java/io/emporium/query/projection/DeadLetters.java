package io.emporium.query.projection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.stereotype.Component;

/**
 * The dead letters of a projection (of its live generation and, while one runs, of its rebuild): listing them,
 * handling them again once the fault is gone, and evicting them.
 */
@Component
public class DeadLetters {

    private static final int MAX_SEQUENCES_PER_RETRY = 10_000;

    private final ProjectionSupervisor supervisor;
    private final ProjectionStateStore states;
    private final ProjectionProcessorFactory processors;
    private final ProjectionDocuments documents;

    public DeadLetters(ProjectionSupervisor supervisor, ProjectionStateStore states, ProjectionProcessorFactory processors,
                       ProjectionDocuments documents) {
        this.supervisor = supervisor;
        this.states = states;
        this.processors = processors;
        this.documents = documents;
    }

    /** One page of the projection's dead letters, sequence by sequence, oldest first. */
    public Page list(String projection, int page, int size) {
        List<Letter> letters = new ArrayList<>();
        long total = 0;
        long skip = (long) page * size;
        for (String processor : processorNames(projection)) {
            SequencedDeadLetterQueue<EventMessage<?>> queue = processors.deadLetterQueue(processor);
            total += queue.size();
            for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
                if (letters.size() == size) break;
                for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                    if (skip > 0) skip--;
                    else if (letters.size() < size) letters.add(Letter.of(processor, letter));
                }
            }
        }
        return new Page(total, page, size, letters);
    }

    @Schema(name = "DeadLetterPage", description = "One page of dead letters.")
    public record Page(long total, int page, int size, List<Letter> items) {
    }

    /** Handles every dead-lettered sequence again, in order; what fails again stays. */
    public Retry retry(String projection) {
        int handled = 0;
        List<ProjectionProcessor> local = new ArrayList<>();
        supervisor.liveProcessor(projection).ifPresent(local::add);
        supervisor.rebuildProcessor(projection).ifPresent(local::add);
        // documents refused before may be accepted now (a mapping was fixed): try them again
        documents.forgetRefusals(local.stream().map(ProjectionProcessor::index).toList());
        for (ProjectionProcessor processor : local) {
            for (int i = 0; i < MAX_SEQUENCES_PER_RETRY && processor.invoker().process(letter -> true); i++) handled++;
        }
        long remaining = processorNames(projection).stream().mapToLong(p -> processors.deadLetterQueue(p).size()).sum();
        return new Retry(handled, remaining);
    }

    /** Evicts the dead letters of one sequence (an aggregate id), or all of them when {@code sequence} is null. */
    public long evict(String projection, String sequence) {
        long evicted = 0;
        for (String processor : processorNames(projection)) {
            SequencedDeadLetterQueue<EventMessage<?>> queue = processors.deadLetterQueue(processor);
            if (sequence == null) {
                evicted += queue.size();
                queue.clear();
            } else {
                List<DeadLetter<? extends EventMessage<?>>> letters = new ArrayList<>();
                queue.deadLetterSequence(sequence).forEach(letters::add);
                letters.forEach(queue::evict);
                evicted += letters.size();
            }
        }
        return evicted;
    }

    private List<String> processorNames(String projection) {
        ProjectionState state = states.load(projection).orElseThrow();
        List<String> names = new ArrayList<>();
        names.add(ProjectionState.processorName(projection, state.liveGeneration()));
        if (state.rebuilding()) names.add(ProjectionState.processorName(projection, state.rebuildGeneration()));
        return names;
    }

    @Schema(name = "DeadLetter", description = "An event a projection could not handle, and why.")
    public record Letter(String processor, String aggregateId, Long aggregateSequence, String eventType, String eventId,
                         String causeType, String causeMessage, Instant enqueuedAt, Instant lastTouched) {

        static Letter of(String processor, DeadLetter<? extends EventMessage<?>> letter) {
            EventMessage<?> message = letter.message();
            String aggregateId = message instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null;
            Long sequence = message instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : null;
            return new Letter(processor, aggregateId, sequence, message.getPayloadType().getSimpleName(), message.getIdentifier(),
                    letter.cause().map(c -> c.type()).orElse(null), letter.cause().map(c -> c.message()).orElse(null),
                    letter.enqueuedAt(), letter.lastTouched());
        }
    }

    @Schema(name = "DeadLetterRetry", description = "What a retry of the dead letters handled.")
    public record Retry(int sequencesHandled, long remaining) {
    }
}
