package io.emporium.command.order;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import io.emporium.command.CommandRefusals;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commands a saga sends while it handles a batch of events, awaited before that batch commits. A command the saga
 * decided to send is thus accepted, or refused for good, before the saga's token moves past the event that decided it;
 * when one fails otherwise (a lost race past its retries, a time-out, a pool or queue that is full) the batch fails and
 * is handled again, which sends its commands again. A crash has the same effect: the batch was not committed. Every
 * command the order saga sends is idempotent per order, so sending one twice does no harm.
 * <p>
 * Awaiting per batch rather than per event lets the commands of a batch run side by side.
 */
public class AwaitedCommands {

    private static final Logger log = LoggerFactory.getLogger(AwaitedCommands.class);
    private static final String RESOURCE = AwaitedCommands.class.getName();

    private final CommandGateway gateway;
    private final Duration timeout;

    public AwaitedCommands(CommandGateway gateway, Duration timeout) {
        this.gateway = gateway;
        this.timeout = timeout;
    }

    public void send(Object command) {
        send(command, refusal -> { });
    }

    /** @param onRefusal what to do when the command is refused for good (it may send further commands) */
    public void send(Object command, Consumer<Throwable> onRefusal) {
        Pending sent = new Pending(command, gateway.send(command), onRefusal);
        if (!CurrentUnitOfWork.isStarted()) {
            awaitAll(new ArrayList<>(List.of(sent)));
            return;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        batch.<List<Pending>>getOrComputeResource(RESOURCE, key -> {
            List<Pending> pending = new ArrayList<>();
            batch.onPrepareCommit(u -> awaitAll(pending));
            return pending;
        }).add(sent);
    }

    private void awaitAll(List<Pending> pending) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < pending.size(); i++) { // by index: a refusal handler may add commands
            Pending command = pending.get(i);
            try {
                command.result().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException failed) {
                Throwable refusal = CommandRefusals.refusalIn(failed.getCause());
                if (refusal == null) throw new CommandNotDeliveredException(command.command(), failed.getCause());
                log.info("{} was refused: {}", command.command().getClass().getSimpleName(), refusal.getMessage());
                command.onRefusal().accept(refusal);
            } catch (TimeoutException e) {
                throw new CommandNotDeliveredException(command.command(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CommandNotDeliveredException(command.command(), e);
            }
        }
    }

    private record Pending(Object command, CompletableFuture<Object> result, Consumer<Throwable> onRefusal) {
    }

    /** The batch that sent it is handled again. */
    static class CommandNotDeliveredException extends RuntimeException {
        CommandNotDeliveredException(Object command, Throwable cause) {
            super(command.getClass().getSimpleName() + " was not delivered; the saga's batch is handled again: " + cause, cause);
        }
    }
}
