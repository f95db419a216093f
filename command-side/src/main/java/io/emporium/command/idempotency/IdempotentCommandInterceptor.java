package io.emporium.command.idempotency;

import java.util.Optional;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Runs inside the command's transaction (registered after the transaction interceptor): a command sent with an
 * {@code Idempotency-Key} records what it answered in the same transaction as its events, and a later command with
 * the same key answers that instead of acting again. So a retried request never acts twice, even when the first
 * one's HTTP answer was a time-out or never left the process.
 */
public class IdempotentCommandInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    /** Meta data of a command sent with an Idempotency-Key: the key, scoped to its caller. */
    public static final String KEY = "idempotencyKey";

    private final IdempotencyStore store;

    public IdempotentCommandInterceptor(IdempotencyStore store) {
        this.store = store;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain interceptorChain) throws Exception {
        Object key = unitOfWork.getMessage().getMetaData().get(KEY);
        if (!(key instanceof String idempotencyKey)) return interceptorChain.proceed();
        Optional<String> earlier = store.lockAndFindCommandResult(idempotencyKey);
        if (earlier.isPresent()) return CommandResults.read(earlier.get());
        Object result = interceptorChain.proceed();
        store.recordCommandResult(idempotencyKey, CommandResults.write(result));
        return result;
    }

    /** What command handlers answer (a version, or a new aggregate's id), as text. */
    static final class CommandResults {

        private CommandResults() {
        }

        static String write(Object result) {
            if (result == null) return "null";
            if (result instanceof Long version) return "version:" + version;
            if (result instanceof String id) return "id:" + id;
            throw new IllegalArgumentException("A command answered " + result.getClass() + ", which cannot be kept");
        }

        static Object read(String stored) {
            if (stored.equals("null")) return null;
            if (stored.startsWith("version:")) return Long.parseLong(stored.substring("version:".length()));
            if (stored.startsWith("id:")) return stored.substring("id:".length());
            throw new IllegalArgumentException("Unknown command result " + stored);
        }
    }
}
