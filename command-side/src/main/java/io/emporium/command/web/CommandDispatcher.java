package io.emporium.command.web;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Sends a command from an HTTP request and waits for its answer, bounded twice: at most {@code threads + queue}
 * commands from HTTP are under way at once (beyond that: {@link CommandsBusyException} at once, never a growing
 * queue), and each is awaited at most the command time-out (then {@link CommandsBusyException} too; the command may
 * still complete, which a retry with the same {@code Idempotency-Key} finds).
 */
@Component
public class CommandDispatcher {

    /** Request attribute: meta data that filters want on the request's command (e.g. its idempotency key). */
    public static final String META_DATA_ATTRIBUTE = CommandDispatcher.class.getName() + ".metaData";

    private final CommandGateway gateway;
    private final Semaphore admission;
    private final Duration timeout;

    CommandDispatcher(CommandGateway gateway, @Value("${emporium.commands.threads}") int threads,
                      @Value("${emporium.commands.queue-capacity}") int queueCapacity,
                      @Value("${emporium.commands.timeout}") Duration timeout) {
        this.gateway = gateway;
        this.admission = new Semaphore(threads + queueCapacity);
        this.timeout = timeout;
    }

    /** @return what the command handler answered: the aggregate's version, or a new aggregate's id */
    @SuppressWarnings("unchecked")
    public <R> R dispatch(Object command) {
        if (!admission.tryAcquire()) {
            throw new CommandsBusyException("Too many commands are waiting; try again shortly.");
        }
        CompletableFuture<R> answer;
        try {
            answer = gateway.send(GenericCommandMessage.asCommandMessage(command).andMetaData(requestMetaData()));
        } catch (RuntimeException e) {
            admission.release();
            throw e;
        }
        answer.whenComplete((result, failure) -> admission.release());
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new CommandsBusyException("The command did not complete within " + timeout.toMillis()
                    + " ms; it may still take effect. Retry with the same Idempotency-Key to be safe.");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandsBusyException("Interrupted while waiting for the command.");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> requestMetaData() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        Object metaData = request == null ? null : request.getAttribute(META_DATA_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        return metaData instanceof Map<?, ?> map ? (Map<String, ?>) map : MetaData.emptyInstance();
    }
}
