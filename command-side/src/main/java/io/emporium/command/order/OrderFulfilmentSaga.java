package io.emporium.command.order;

import java.time.Instant;
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
import io.emporium.api.order.OrderRejectedEvent;
import io.emporium.api.order.OrderShippedEvent;
import io.emporium.api.order.PricedOrderLine;
import io.emporium.api.order.RejectOrderCommand;
import io.emporium.api.product.ReleaseStockCommand;
import io.emporium.api.product.ReserveStockCommand;
import io.emporium.api.product.ShipStockCommand;
import io.emporium.api.product.StockReservationRejectedEvent;
import io.emporium.api.product.StockReservedEvent;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Reserves every line of a placed order and asks the order to confirm itself with the total of the reserved unit
 * prices, or to reject itself when a line is refused. The {@link Order} decides (its own reservation deadline may have
 * rejected it first); stock is released or shipped only because of the order's actual outcome, its
 * {@link OrderRejectedEvent}, {@link OrderCancelledEvent} or {@link OrderShippedEvent}, never because of what this
 * saga, which may be behind the event stream, believes.
 * <p>
 * Its commands are {@link AwaitedCommands}: accepted or refused for good before its token moves on. Releasing is per
 * order and idempotent in the Product and settles the order there, so a reservation still on its way after a release
 * reserves nothing.
 */
@Saga
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class OrderFulfilmentSaga {

    private transient AwaitedCommands commands;

    private String orderId;
    /** Every line of the order: product → quantity. */
    private Map<String, Integer> lines = new LinkedHashMap<>();
    /** Lines reserved so far: product → unit price. */
    private Map<String, Money> reservedPrices = new LinkedHashMap<>();
    private Instant reservationExpiresAt;
    private boolean confirmationAsked;

    @StartSaga
    @SagaEventHandler(associationProperty = "orderId")
    void on(OrderPlacedEvent event) {
        orderId = event.orderId();
        reservationExpiresAt = event.reservationExpiresAt();
        event.lines().forEach(line -> lines.put(line.productId(), line.quantity()));
        for (OrderLine line : event.lines()) {
            commands.send(new ReserveStockCommand(line.productId(), orderId, line.quantity(), reservationExpiresAt),
                    refusal -> {
                        if (refusal instanceof AggregateNotFoundException) {
                            commands.send(new RejectOrderCommand(orderId, "product " + line.productId() + " does not exist"));
                        }
                    });
        }
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(StockReservedEvent event) {
        reservedPrices.put(event.productId(), event.unitPrice());
        if (confirmationAsked || !reservedPrices.keySet().containsAll(lines.keySet())) return;
        confirmationAsked = true;
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

    @SagaEventHandler(associationProperty = "orderId")
    void on(StockReservationRejectedEvent event) {
        commands.send(new RejectOrderCommand(orderId, "product " + event.productId() + ": " + event.reason()
                + " (requested " + event.requested() + ", available " + event.available() + ")"));
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "orderId")
    void on(OrderRejectedEvent event) {
        releaseAll();
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "orderId")
    void on(OrderCancelledEvent event) {
        releaseAll();
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "orderId")
    void on(OrderShippedEvent event) {
        for (String productId : lines.keySet()) {
            commands.send(new ShipStockCommand(productId, orderId));
        }
    }

    /** A deadline that sagas of an earlier version set themselves: the order decides, as with its own deadline. */
    @DeadlineHandler(deadlineName = Order.RESERVATION_DEADLINE)
    void onDeadlineOfAnEarlierVersion() {
        commands.send(new RejectOrderCommand(orderId, "stock reservation did not complete in time"));
    }

    /** Every line, not only those reserved so far: a reservation may still be on its way. */
    private void releaseAll() {
        for (String productId : lines.keySet()) {
            commands.send(new ReleaseStockCommand(productId, orderId, reservationExpiresAt));
        }
    }

    @Autowired
    void setCommands(AwaitedCommands commands) {
        this.commands = commands;
    }
}
