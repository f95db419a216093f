package io.emporium.support.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class LogContextTest {

    record ReserveStock(@TargetAggregateIdentifier String productId, int quantity) {
    }

    record CreateSomething(String name) {
    }

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void theAggregateOfACommandOrDomainEventIsInTheMdcWhileItIsHandledAndGoneAfter() throws Exception {
        assertThat(aggregateSeenWhileHandling(GenericCommandMessage.asCommandMessage(new ReserveStock("product-7", 2)))).isEqualTo("product-7");
        assertThat(aggregateSeenWhileHandling(new GenericDomainEventMessage<>("Order", "order-9", 3, "placed"))).isEqualTo("order-9");
        assertThat(aggregateSeenWhileHandling(GenericCommandMessage.asCommandMessage(new CreateSomething("x")))).as("no target").isNull();
        assertThat(aggregateSeenWhileHandling(GenericCommandMessage.asCommandMessage(new CreateSomething("y")))).as("no target, again").isNull();
        assertThat(aggregateSeenWhileHandling(GenericCommandMessage.asCommandMessage(new ReserveStock("product-8", 1)))).isEqualTo("product-8");
        assertThat(aggregateSeenWhileHandling(GenericEventMessage.asEventMessage("not of an aggregate"))).isNull();
        assertThat(MDC.get(LogContext.AGGREGATE_ID)).isNull();
    }

    @Test
    void anOuterAggregateIsRestoredAfterANestedHandling() throws Exception {
        MDC.put(LogContext.AGGREGATE_ID, "order-1");
        assertThat(aggregateSeenWhileHandling(GenericCommandMessage.asCommandMessage(new ReserveStock("product-2", 1)))).isEqualTo("product-2");
        assertThat(MDC.get(LogContext.AGGREGATE_ID)).isEqualTo("order-1");
    }

    private static <T extends Message<?>> String aggregateSeenWhileHandling(T message) throws Exception {
        AtomicReference<String> seen = new AtomicReference<>();
        DefaultUnitOfWork<T> unitOfWork = DefaultUnitOfWork.startAndGet(message);
        try {
            new DefaultInterceptorChain<T>(unitOfWork, List.of(LogContext.aggregateOfMessage()), handled -> {
                seen.set(MDC.get(LogContext.AGGREGATE_ID));
                return null;
            }).proceed();
        } finally {
            unitOfWork.rollback();
        }
        return seen.get();
    }
}
