package io.emporium.command.axon;

import java.time.Duration;
import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.task.DeadExecutionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import io.emporium.command.order.AwaitedCommands;
import io.emporium.command.order.ReservationWindow;
import io.emporium.support.axon.TransactionConnections;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.deadline.dbscheduler.DbSchedulerBinaryDeadlineDetails;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The order flow's machinery: the reservation window, the saga's awaited commands, its processing and store, and the
 * orders' reservation deadlines (Axon's db-scheduler deadline manager, table scheduled_tasks).
 */
@Configuration
class OrderFlowConfiguration {

    @Bean
    ReservationWindow reservationWindow(@Value("${emporium.orders.reservation-timeout}") Duration timeout) {
        return new ReservationWindow(timeout);
    }

    @Bean
    AwaitedCommands sagaCommands(CommandGateway commandGateway, @Value("${emporium.orders.saga-command-timeout}") Duration timeout) {
        return new AwaitedCommands(commandGateway, timeout);
    }

    /**
     * The order saga: one sequence per order ({@link OrderSequencingPolicy}), and a failing handler fails its batch
     * (Axon's default logs and goes on, which would lose the commands the saga decided to send).
     */
    @Bean
    ConfigurerModule orderSagaProcessing() {
        return configurer -> configurer.eventProcessing()
                .registerSequencingPolicy(ORDER_SAGA_PROCESSOR, c -> new OrderSequencingPolicy())
                .registerListenerInvocationErrorHandler(ORDER_SAGA_PROCESSOR, c -> PropagatingErrorHandler.instance());
    }

    static final String ORDER_SAGA_PROCESSOR = "OrderFulfilmentSagaProcessor";

    /**
     * Axon's deadline task, retried soon when it fails (db-scheduler's default waits 5 minutes): a deadline that lost a
     * race with a command on another instance fires again within seconds, so no order stays pending for long.
     */
    @Bean
    @Qualifier("deadlineDetailsTask")
    Task<DbSchedulerBinaryDeadlineDetails> deadlineDetailsTask(ApplicationContext context) {
        Task<DbSchedulerBinaryDeadlineDetails> axons =
                DbSchedulerDeadlineManager.binaryTask(() -> context.getBean(DbSchedulerDeadlineManager.class));
        return new OneTimeTask<>(axons.getName(), DbSchedulerBinaryDeadlineDetails.class,
                new FailureHandler.ExponentialBackoffFailureHandler<>(Duration.ofSeconds(1), 1.5),
                new DeadExecutionHandler.ReviveDeadExecution<>()) {
            @Override
            public void executeOnce(TaskInstance<DbSchedulerBinaryDeadlineDetails> instance, ExecutionContext executionContext) {
                axons.execute(instance, executionContext);
            }
        };
    }

    /**
     * The order saga's state through Axon's JDBC saga store, on the command's connection like the events: the JPA
     * saga store was 10% of this service's CPU (benchmark profile), part of it Hibernate parsing the store's named
     * queries again and again. Same tables and columns as before (V1; V7 lets the association insert draw its id).
     */
    @Bean
    SagaStore<Object> sagaStore(Serializer serializer, DataSource dataSource) {
        return JdbcSagaStore.builder()
                .connectionProvider(TransactionConnections.of(dataSource))
                .sqlSchema(new PostgresSagaSqlSchema(SagaSchema.builder()
                        .sagaEntryTable("saga_entry").associationValueEntryTable("association_value_entry")
                        .sagaIdColumn("saga_id").sagaTypeColumn("saga_type").revisionColumn("revision").serializedSagaColumn("serialized_saga")
                        .associationKeyColumn("association_key").associationValueColumn("association_value")
                        .build()))
                .serializer(serializer)
                .build();
    }
}
