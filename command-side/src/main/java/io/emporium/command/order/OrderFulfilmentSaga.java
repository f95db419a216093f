package io.emporium.command.order;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.emporium.api.Money;
import io.emporium.api.order.ConfirmOrderCommand;
import io.emporium.api.order.OrderCancelledEvent;
import io.emporium.api.order.OrderLine;
import io.emporium.api.order.OrderPlacedEvent;
import io.emporium.api.order.OrderShippedEvent;
import io.emporium.api.order.PricedOrderLine;
import io.emporium.api.order.RejectOrderCommand;
import io.emporium.api.product.ReleaseStockCommand;
import io.emporium.api.product.ReserveStockCommand;
import io.emporium.api.product.ShipStockCommand;
import io.emporium.api.product.StockReservationRejectedEvent;
import io.emporium.api.product.StockReservedEvent;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * Reserves every line of a placed order, then confirms it with the total of the reserved unit prices; when one line
 * is refused or the answers do not all come within the deadline, releases everything and rejects the order.
 * It then stays with the order until it is shipped or cancelled, to ship or release the reserved stock.
 * Releasing is per order and idempotent in the Product, and settles the order there: a reservation still on its way
 * after a release reserves nothing, so compensation never leaks stock.
 */
@Saga
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class OrderFulfilmentSaga {

    static final String RESERVATION_DEADLINE = "order-reservation-deadline";

    private transient CommandGateway commands;
    private transient DeadlineManager deadlines;
    private transient Duration reservationTimeout;

    private String orderId;
    /** Every line of the order: product → quantity. */
    private Map<String, Integer> lines = new LinkedHashMap<>();
    /** Lines reserved so far: product → unit price. */
    private Map<String, Money> reservedPrices = new LinkedHashMap<>();
    private String deadlineId;
    private boolean confirmed;

    @StartSaga
    @SagaEventHandler(associationProperty = "orderId")
    void on(OrderPlacedEvent event) {
        orderId = event.orderId();
        event.lines().forEach(line -> lines.put(line.productId(), line.quantity()));
        deadlineId = deadlines.schedule(reservationTimeout, RESERVATION_DEADLINE);
        for (OrderLine line : event.lines()) {
            commands.send(new ReserveStockCommand(line.productId(), orderId, line.quantity()));
        }
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(StockReservedEvent event) {
        if (confirmed) return;
        reservedPrices.put(event.productId(), event.unitPrice());
        if (reservedPrices.keySet().containsAll(lines.keySet())) {
            cancelDeadline();
            confirmed = true;
            List<PricedOrderLine> priced = new ArrayList<>();
            Money total = null;
            for (Map.Entry<String, Integer> line : lines.entrySet()) {
                Money unitPrice = reservedPrices.get(line.getKey());
                priced.add(new PricedOrderLine(line.getKey(), line.getValue(), unitPrice));
                Money lineTotal = unitPrice.times(line.getValue());
                total = total == null ? lineTotal : total.plus(lineTotal);
            }
            commands.send(new ConfirmOrderCommand(orderId, priced, total));
        }
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "orderId")
    void on(StockReservationRejectedEvent event) {
        compensate("product " + event.productId() + ": " + event.reason()
                + " (requested " + event.requested() + ", available " + event.available() + ")");
    }

    @DeadlineHandler(deadlineName = RESERVATION_DEADLINE)
    void onReservationDeadline() {
        // the deadline that fires cannot be cancelled (the scheduler refuses to change a running task)
        deadlineId = null;
        if (confirmed) return;
        compensate("stock reservation did not complete within " + reservationTimeout.toSeconds() + " s");
        SagaLifecycle.end();
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "orderId")
    void on(OrderCancelledEvent event) {
        cancelDeadline();
        releaseAll();
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "orderId")
    void on(OrderShippedEvent event) {
        for (String productId : lines.keySet()) {
            commands.send(new ShipStockCommand(productId, orderId));
        }
    }

    private void compensate(String reason) {
        cancelDeadline();
        releaseAll();
        commands.send(new RejectOrderCommand(orderId, reason));
    }

    private void cancelDeadline() {
        if (deadlineId == null) return;
        deadlines.cancelSchedule(RESERVATION_DEADLINE, deadlineId);
        deadlineId = null;
    }

    /** Every line, not only those reserved so far: a reservation may still be on its way. */
    private void releaseAll() {
        for (String productId : lines.keySet()) {
            commands.send(new ReleaseStockCommand(productId, orderId));
        }
    }

    @Autowired
    void setCommands(CommandGateway commands) {
        this.commands = commands;
    }

    @Autowired
    void setDeadlines(DeadlineManager deadlines) {
        this.deadlines = deadlines;
    }

    @Autowired
    void setReservationTimeout(@Value("${emporium.orders.reservation-timeout}") Duration reservationTimeout) {
        this.reservationTimeout = reservationTimeout;
    }
}
