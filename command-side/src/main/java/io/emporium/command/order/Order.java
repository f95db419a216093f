package io.emporium.command.order;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.emporium.api.order.CancelOrderCommand;
import io.emporium.api.order.ConfirmOrderCommand;
import io.emporium.api.order.OrderCancelledEvent;
import io.emporium.api.order.OrderConfirmedEvent;
import io.emporium.api.order.OrderLine;
import io.emporium.api.order.OrderPlacedEvent;
import io.emporium.api.order.OrderRejectedEvent;
import io.emporium.api.order.OrderShippedEvent;
import io.emporium.api.order.OrderStatus;
import io.emporium.api.order.PlaceOrderCommand;
import io.emporium.api.order.RejectOrderCommand;
import io.emporium.api.order.ShipOrderCommand;
import io.emporium.command.CommandRefusedException;
import io.emporium.command.InvalidCommandException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One order and its life: PENDING until the saga has reserved every line (CONFIRMED) or could not (REJECTED);
 * a client may cancel it until it is shipped. The order alone decides its outcome: confirm and reject come from the
 * saga or from the order's own reservation deadline, may arrive late or twice, and only act on a PENDING order, so
 * the first one wins and the other is refused. The deadline is stored with the order's first event, so it fires
 * whatever happened to the saga meanwhile.
 */
@Aggregate
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Order {

    public static final int MAX_LINES = 50;
    public static final int MAX_LINE_QUANTITY = 1000;
    static final String RESERVATION_DEADLINE = "order-reservation-deadline";

    @AggregateIdentifier
    private String orderId;
    private String customerId;
    private OrderStatus status;
    private List<OrderLine> lines;

    protected Order() {
        // for event sourcing
    }

    @CommandHandler
    public Order(PlaceOrderCommand command, DeadlineManager deadlines, ReservationWindow window) {
        List<OrderLine> lines = command.lines() == null ? List.of() : command.lines();
        if (command.customerId() == null || command.customerId().isBlank()) {
            throw new InvalidCommandException("an order needs a customer");
        }
        if (lines.isEmpty() || lines.size() > MAX_LINES) {
            throw new InvalidCommandException("an order has 1 to " + MAX_LINES + " lines");
        }
        Set<String> products = new HashSet<>();
        for (OrderLine line : lines) {
            if (line.quantity() < 1 || line.quantity() > MAX_LINE_QUANTITY) {
                throw new InvalidCommandException("a line's quantity is 1 to " + MAX_LINE_QUANTITY);
            }
            if (!products.add(line.productId())) {
                throw new InvalidCommandException("product " + line.productId() + " appears on two lines");
            }
        }
        Instant expiresAt = GenericEventMessage.clock.instant().plus(window.timeout());
        deadlines.schedule(expiresAt, RESERVATION_DEADLINE,
                "stock reservation did not complete within " + window.timeout().toSeconds() + " s");
        apply(new OrderPlacedEvent(command.orderId(), command.customerId(), List.copyOf(lines), expiresAt));
    }

    @CommandHandler
    public long handle(ConfirmOrderCommand command) {
        if (status == OrderStatus.PENDING) {
            apply(new OrderConfirmedEvent(orderId, command.lines(), command.total()));
        }
        return version();
    }

    @CommandHandler
    public long handle(RejectOrderCommand command) {
        if (status == OrderStatus.PENDING) {
            apply(new OrderRejectedEvent(orderId, command.reason()));
        }
        return version();
    }

    /** Fires for every order; a decided one stays as it is. */
    @DeadlineHandler(deadlineName = RESERVATION_DEADLINE)
    void onReservationDeadline(String reason) {
        if (status == OrderStatus.PENDING) {
            apply(new OrderRejectedEvent(orderId, reason));
        }
    }

    @CommandHandler
    public long handle(CancelOrderCommand command) {
        if (command.customerId() != null && !command.customerId().equals(customerId)) {
            throw new AggregateNotFoundException(orderId, "No order " + orderId);
        }
        long version = version();
        if (command.expectedVersion() != null && command.expectedVersion() != version) {
            throw new ConflictingAggregateVersionException(orderId, command.expectedVersion(), version);
        }
        switch (status) {
            case PENDING, CONFIRMED -> apply(new OrderCancelledEvent(orderId, command.reason(), status == OrderStatus.CONFIRMED));
            case CANCELLED -> { } // already: nothing to do
            case SHIPPED, REJECTED -> throw new CommandRefusedException("A " + status + " order cannot be cancelled");
        }
        return version();
    }

    @CommandHandler
    public long handle(ShipOrderCommand command) {
        switch (status) {
            case CONFIRMED -> apply(new OrderShippedEvent(orderId, lines));
            case SHIPPED -> { } // already
            default -> throw new CommandRefusedException("Only a CONFIRMED order can be shipped; this one is " + status);
        }
        return version();
    }

    @EventSourcingHandler
    void on(OrderPlacedEvent event) {
        orderId = event.orderId();
        customerId = event.customerId();
        lines = event.lines();
        status = OrderStatus.PENDING;
    }

    @EventSourcingHandler
    void on(OrderConfirmedEvent event) {
        status = OrderStatus.CONFIRMED;
    }

    @EventSourcingHandler
    void on(OrderRejectedEvent event) {
        status = OrderStatus.REJECTED;
    }

    @EventSourcingHandler
    void on(OrderCancelledEvent event) {
        status = OrderStatus.CANCELLED;
    }

    @EventSourcingHandler
    void on(OrderShippedEvent event) {
        status = OrderStatus.SHIPPED;
    }

    private static long version() {
        return AggregateLifecycle.getVersion();
    }
}
