package io.emporium.command.axon;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ScheduledExecutorService;

import io.emporium.command.idempotency.IdempotencyStore;
import io.emporium.command.idempotency.IdempotentCommandInterceptor;
import io.emporium.support.concurrent.DaemonThreads;
import io.emporium.support.logging.LogContext;
import org.axonframework.commandhandling.AsynchronousCommandBus;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandBusSpanFactory;
import org.axonframework.commandhandling.DuplicateCommandHandlerResolver;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How commands are dispatched: on threads of their own, each in its own transaction, with the retry of a race lost to
 * another instance (and nothing else).
 */
@Configuration
class CommandBusConfiguration {

    /**
     * Axon's aggregate lock is per JVM. Across instances the event table's unique (aggregate, sequence) key turns a
     * lost race into a {@link ConcurrencyException}: retry exactly that a bounded number of times, never anything
     * else (a refused command stays refused).
     */
    @Bean(destroyMethod = "shutdown")
    ScheduledExecutorService commandRetryExecutor() {
        return Executors.newScheduledThreadPool(1, DaemonThreads.named("command-retry"));
    }

    /**
     * Commands are handled on their own threads, each in its own transaction. A command the order saga sends thus
     * never joins the saga's transaction: a lost race on a product fails (and retries) that command alone.
     */
    @Bean(destroyMethod = "shutdown")
    ExecutorService commandExecutor(@Value("${emporium.commands.threads}") int threads) {
        AtomicInteger counter = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, r -> new Thread(r, "command-" + counter.incrementAndGet()));
    }

    @Bean
    @Qualifier("localSegment")
    CommandBus commandBus(TransactionManager transactionManager, org.axonframework.config.Configuration configuration,
                          DuplicateCommandHandlerResolver duplicateResolver, ExecutorService commandExecutor,
                          IdempotencyStore idempotencyKeys) {
        AsynchronousCommandBus bus = AsynchronousCommandBus.builder()
                .executor(commandExecutor)
                .transactionManager(transactionManager)
                .duplicateCommandHandlerResolver(duplicateResolver)
                .spanFactory(configuration.getComponent(CommandBusSpanFactory.class))
                .messageMonitor(configuration.messageMonitor(AsynchronousCommandBus.class, "commandBus"))
                .build();
        bus.registerHandlerInterceptor(new CorrelationDataInterceptor<>(configuration.correlationDataProviders()));
        bus.registerHandlerInterceptor(LogContext.aggregateOfMessage());
        // after the transaction interceptor (the builder registers it first): inside the command's transaction
        bus.registerHandlerInterceptor(new IdempotentCommandInterceptor(idempotencyKeys));
        return bus;
    }

    @Bean
    CommandGateway commandGateway(CommandBus commandBus, ScheduledExecutorService commandRetryExecutor,
                                  @Value("${emporium.commands.concurrency-retries}") int retries,
                                  @Value("${emporium.commands.retry-interval}") Duration interval) {
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(IntervalRetryScheduler.builder()
                        .retryExecutor(commandRetryExecutor)
                        .maxRetryCount(retries)
                        .retryInterval((int) interval.toMillis())
                        .nonTransientFailurePredicate(failure -> !isLostRace(failure))
                        .build())
                .build();
    }

    static boolean isLostRace(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConcurrencyException) return true;
        }
        return false;
    }
}
