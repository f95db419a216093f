package io.emporium.command.axon;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Refuses to start with a connection pool smaller than what may hold a connection at once: every command thread,
 * every thread of the order saga, of the payments and of publishing (each holds its own while it awaits its commands,
 * the payment provider or Kafka) and of the deadline scheduler, and a few more that hold one only for a statement or a
 * batch's writes (the saga's coordinator, the scheduler's poller, the snapshotter, idempotency keys, table
 * maintenance, the webhooks processor and the webhook senders). A smaller pool does not fail fast: commands would wait
 * for connections that saga threads hold while they wait for those commands.
 */
@Component
class ConnectionBudget implements InitializingBean {

    static final int OTHER_USERS = 4;

    private final DataSource dataSource;
    private final int commandThreads;
    private final int sagaThreads;
    private final int schedulerThreads;
    private final int paymentThreads;
    private final int publishingThreads;

    ConnectionBudget(DataSource dataSource, @Value("${emporium.commands.threads}") int commandThreads,
                     @Value("${axon.eventhandling.processors.OrderFulfilmentSagaProcessor.thread-count}") int sagaThreads,
                     @Value("${axon.eventhandling.processors.payments.thread-count}") int paymentThreads,
                     @Value("${axon.eventhandling.processors.publishing.thread-count}") int publishingThreads,
                     @Value("${db-scheduler.threads}") int schedulerThreads) {
        this.dataSource = dataSource;
        this.commandThreads = commandThreads;
        this.sagaThreads = sagaThreads;
        this.schedulerThreads = schedulerThreads;
        this.paymentThreads = paymentThreads;
        this.publishingThreads = publishingThreads;
    }

    @Override
    public void afterPropertiesSet() {
        if (!(dataSource instanceof HikariDataSource pool)) return;
        int needed = commandThreads + sagaThreads + paymentThreads + publishingThreads + schedulerThreads + OTHER_USERS;
        if (pool.getMaximumPoolSize() < needed) {
            throw new IllegalStateException("The connection pool (EMPORIUM_COMMAND_DB_POOL=" + pool.getMaximumPoolSize()
                    + ") is smaller than what may use a connection at once: " + commandThreads + " command threads"
                    + " (EMPORIUM_COMMAND_THREADS) + " + sagaThreads + " saga threads + " + paymentThreads + " payment threads + " + publishingThreads
                    + " publishing threads + " + schedulerThreads
                    + " deadline threads + " + OTHER_USERS + " others = " + needed + ". Raise the pool or lower the threads.");
        }
    }
}
