package io.emporium.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.Optional;
import java.util.function.Function;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;

class DeadLetterPolicyTest {

    private boolean unavailable;
    private final ProjectionDocuments documents = new ProjectionDocuments() {
        public <T> Optional<T> current(String index, String id, Class<T> type, Function<Object, String> idOf) { return Optional.empty(); }
        public void write(String index, String id, long version, Object document) { }
        public boolean refused(String index, String id) { return false; }
        public void forgetRefusals(Collection<String> indices) { }
        public boolean unavailableInThisBatch() { return unavailable; }
        public void markLive(UnitOfWork<?> batch) { }
    };

    @Test
    void aCauseIsKeptWithItsMessageTruncatedToWhatItsColumnHolds() {
        RuntimeException cause = new IllegalStateException("x".repeat(5_000));
        EnqueueDecision<EventMessage<?>> decision = ProjectionProcessorFactory.onlyFaultsOfTheEvent(documents)
                .decide(new GenericDeadLetter<>("product-1", GenericEventMessage.asEventMessage("event")), cause);

        assertThat(decision.shouldEnqueue()).isTrue();
        Throwable kept = decision.enqueueCause().orElseThrow();
        assertThat(kept.getMessage()).hasSize(1023);
        assertThat(((org.axonframework.messaging.deadletter.Cause) kept).type()).isEqualTo(IllegalStateException.class.getName());
    }

    @Test
    void nothingIsDeadLetteredWhileTheDocumentStoreIsUnavailable() {
        unavailable = true;
        EnqueueDecision<EventMessage<?>> decision = ProjectionProcessorFactory.onlyFaultsOfTheEvent(documents)
                .decide(new GenericDeadLetter<>("product-1", GenericEventMessage.asEventMessage("event")), new RuntimeException("down"));
        assertThat(decision.shouldEnqueue()).isFalse();
    }
}
