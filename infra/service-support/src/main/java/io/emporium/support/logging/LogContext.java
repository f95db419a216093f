package io.emporium.support.logging;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.slf4j.MDC;

/**
 * What a log line is about, beside the trace and span ids Micrometer Tracing puts there: the aggregate (product or order)
 * a command or event concerns, and the customer a request acts for. Both are opaque ids, never personal data; structured
 * logging (ECS or Logstash) writes them as fields of every line.
 */
public final class LogContext {

    public static final String AGGREGATE_ID = "aggregateId";
    public static final String CUSTOMER_ID = "customerId";

    private static final AnnotationCommandTargetResolver COMMAND_TARGETS = AnnotationCommandTargetResolver.builder().build();
    private static final Set<Class<?>> UNTARGETED = ConcurrentHashMap.newKeySet();

    private LogContext() {
    }

    /** Names the aggregate of the command or domain event being handled in the log lines of its handling. */
    public static <T extends Message<?>> MessageHandlerInterceptor<T> aggregateOfMessage() {
        return (unitOfWork, chain) -> {
            String aggregate = aggregateOf(unitOfWork.getMessage());
            if (aggregate == null) return chain.proceed();
            String outer = MDC.get(AGGREGATE_ID);
            MDC.put(AGGREGATE_ID, aggregate);
            try {
                return chain.proceed();
            } finally {
                restore(AGGREGATE_ID, outer);
            }
        };
    }

    static String aggregateOf(Message<?> message) {
        if (message instanceof DomainEventMessage<?> event) return event.getAggregateIdentifier();
        if (message instanceof CommandMessage<?> command && !UNTARGETED.contains(command.getPayloadType())) {
            try {
                return COMMAND_TARGETS.resolveTarget(command).getIdentifier();
            } catch (IllegalArgumentException noTarget) {
                // a command that creates its aggregate, or addresses none: not asked again (the resolver's answer is
                // an exception, whose stack trace would cost every such command)
                UNTARGETED.add(command.getPayloadType());
                return null;
            }
        }
        return null;
    }

    static void restore(String key, String outer) {
        if (outer == null) MDC.remove(key);
        else MDC.put(key, outer);
    }
}
