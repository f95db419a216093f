package io.emporium.query.projection;

import java.time.Instant;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;

/**
 * One projection of the read model: the events of one kind of aggregate folded into one document per aggregate, in
 * the index generation a processor writes. Its name is also the name of its alias and of its settings and mappings
 * file {@code elasticsearch/<name>.json}. The document's version is the aggregate's sequence number.
 *
 * @param aggregateType the aggregates whose events it projects, as the event table names them ({@code Product})
 * @param documentId    which document an event touches (its aggregate), or null for events of other aggregates
 * @param fold          the document after an event: {@code (current or null, event payload, sequence, timestamp)}
 */
public record DocumentProjection<D>(String name, String aggregateType, Class<D> documentType,
                                    Function<Object, String> documentId, Fold<D> fold, ToLongFunction<D> version) {

    /** The document of one aggregate from its whole history, as an in-order pass of the processor leaves it. */
    public D foldAll(Iterable<? extends DomainEventMessage<?>> history) {
        D document = null;
        for (DomainEventMessage<?> event : history) {
            if (documentId.apply(event.getPayload()) != null) {
                document = fold.apply(document, event.getPayload(), event.getSequenceNumber(), event.getTimestamp());
            }
        }
        return document;
    }

    @FunctionalInterface
    public interface Fold<D> {
        D apply(D current, Object event, long sequence, Instant at);
    }

    /** The event handler of one index generation. */
    public EventMessageHandler handlerFor(String index, ProjectionDocuments documents) {
        return new EventMessageHandler() {
            @Override
            public boolean canHandle(EventMessage<?> event) {
                // the aggregate type first: another aggregate's event is passed over without deserializing it (each
                // processor reads every event of the table)
                if (event instanceof DomainEventMessage<?> domain && !aggregateType.equals(domain.getType())) return false;
                return documentId.apply(event.getPayload()) != null;
            }

            @Override
            public Object handle(EventMessage<?> event) {
                String id = documentId.apply(event.getPayload());
                if (id == null) return null;
                if (documents.refused(index, id)) {
                    throw new DocumentRefusedException(name + " document " + id + " was refused by the search index");
                }
                long sequence = ((DomainEventMessage<?>) event).getSequenceNumber();
                D current = documents.current(index, id, documentType, documentId).orElse(null);
                D next = fold.apply(current, event.getPayload(), sequence, event.getTimestamp());
                documents.write(index, id, version.applyAsLong(next), next);
                return null;
            }

            @Override
            public Class<?> getTargetType() {
                return documentType;
            }
        };
    }

    /** The document an event builds was refused for its content: a fault of the event, dead-lettered with its sequence. */
    public static class DocumentRefusedException extends RuntimeException {
        public DocumentRefusedException(String message) {
            super(message);
        }
    }
}
