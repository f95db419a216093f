package io.emporium.command.order;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.emporium.api.Money;
import io.emporium.api.order.CancelOrderCommand;
import io.emporium.api.order.ConfirmOrderCommand;
import io.emporium.api.order.OrderCancelledEvent;
import io.emporium.api.order.OrderConfirmedEvent;
import io.emporium.api.order.OrderLine;
import io.emporium.api.order.OrderPaymentAuthorizedEvent;
import io.emporium.api.order.OrderPaymentCaptureRequestedEvent;
import io.emporium.api.order.OrderPaymentCapturedEvent;
import io.emporium.api.order.OrderPaymentDeclinedEvent;
import io.emporium.api.order.OrderPaymentRequestedEvent;
import io.emporium.api.order.OrderPaymentVoidRequestedEvent;
import io.emporium.api.order.OrderPaymentVoidedEvent;
import io.emporium.api.order.OrderPlacedEvent;
import io.emporium.api.order.OrderRejectedEvent;
import io.emporium.api.order.OrderShippedEvent;
import io.emporium.api.order.OrderStatus;
import io.emporium.api.order.PaymentStatus;
import io.emporium.api.order.PlaceOrderCommand;
import io.emporium.api.order.PricedOrderLine;
import io.emporium.api.order.RecordPaymentAuthorizationCommand;
import io.emporium.api.order.RecordPaymentCaptureCommand;
import io.emporium.api.order.RecordPaymentDeclineCommand;
import io.emporium.api.order.RecordPaymentVoidCommand;
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
 * One order and its life: PENDING until the saga has reserved every line and, for an order that pays, the provider
 * has authorized its total (CONFIRMED), or one of them refused (REJECTED); a client may cancel it until it is shipped.
 * The order also decides what becomes of its payment: one authorization, asked for once all lines are reserved;
 * captured when it ships, voided when it is cancelled or rejected, also when the authorization comes back late.
 * <p>
 * The order alone decides its outcome: confirm and reject come from the saga or from the order's own reservation
 * deadline, may arrive late or twice, and only act on a PENDING order, so the first one wins and the other is refused.
 * The deadline is stored with the order's first event, so it fires whatever happened to the saga meanwhile; the
 * command that decides the order removes it ({@link ReservationDeadlines}), so that only undecided orders reach it.
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
    private Instant reservationExpiresAt;
    private String reservationDeadlineId;
    private String paymentToken;
    private PaymentStatus payment = PaymentStatus.NONE;
    /** The lines and total asked to be authorized: the order is confirmed with them. */
    private List<PricedOrderLine> pricedLines;
    private Money paymentTotal;
    private String authorizationId;

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
        String deadlineId = deadlines.schedule(expiresAt, RESERVATION_DEADLINE,
                "stock reservation did not complete within " + window.timeout().toSeconds() + " s");
        String token = command.paymentToken() == null || command.paymentToken().isBlank() ? null : command.paymentToken();
        apply(new OrderPlacedEvent(command.orderId(), command.customerId(), List.copyOf(lines), expiresAt, token,
                command.sealedShippingAddress(), deadlineId));
    }

    /** Every line is reserved: an order that pays asks for its authorization first, any other is confirmed. */
    @CommandHandler
    public long handle(ConfirmOrderCommand command, ReservationDeadlines deadlines) {
        if (status != OrderStatus.PENDING) return version();
        if (paymentToken == null) {
            apply(new OrderConfirmedEvent(orderId, command.lines(), command.total()));
        } else if (payment == PaymentStatus.NONE) {
            apply(new OrderPaymentRequestedEvent(orderId, command.lines(), command.total(), paymentToken, reservationExpiresAt));
        }
        dropDeadlineOnceDecided(OrderStatus.PENDING, deadlines);
        return version();
    }

    /**
     * Recorded once, whatever the order's state: a PENDING order is confirmed with it; one decided meanwhile (its
     * deadline, a cancellation) releases it at once.
     */
    @CommandHandler
    public long handle(RecordPaymentAuthorizationCommand command, ReservationDeadlines deadlines) {
        if (authorizationId != null) return version();
        OrderStatus before = status;
        apply(new OrderPaymentAuthorizedEvent(orderId, command.authorizationId(), command.amount()));
        if (status == OrderStatus.PENDING && command.amount().equals(paymentTotal)) {
            apply(new OrderConfirmedEvent(orderId, pricedLines, paymentTotal));
        } else {
            if (status == OrderStatus.PENDING) {
                apply(new OrderRejectedEvent(orderId, "the provider authorized " + command.amount().amount()
                        + " instead of " + paymentTotal.amount()));
            }
            apply(new OrderPaymentVoidRequestedEvent(orderId, command.authorizationId()));
        }
        dropDeadlineOnceDecided(before, deadlines);
        return version();
    }

    @CommandHandler
    public long handle(RecordPaymentDeclineCommand command, ReservationDeadlines deadlines) {
        if (payment != PaymentStatus.REQUESTED) return version();
        OrderStatus before = status;
        apply(new OrderPaymentDeclinedEvent(orderId, command.declineCode(), command.reason()));
        if (status == OrderStatus.PENDING) {
            apply(new OrderRejectedEvent(orderId, "payment declined: " + command.reason()));
        }
        dropDeadlineOnceDecided(before, deadlines);
        return version();
    }

    @CommandHandler
    public long handle(RecordPaymentCaptureCommand command) {
        if (payment == PaymentStatus.CAPTURE_REQUESTED && command.authorizationId().equals(authorizationId)) {
            apply(new OrderPaymentCapturedEvent(orderId, authorizationId, command.amount()));
        }
        return version();
    }

    @CommandHandler
    public long handle(RecordPaymentVoidCommand command) {
        if (payment == PaymentStatus.VOID_REQUESTED && command.authorizationId().equals(authorizationId)) {
            apply(new OrderPaymentVoidedEvent(orderId, authorizationId));
        }
        return version();
    }

    @CommandHandler
    public long handle(RejectOrderCommand command, ReservationDeadlines deadlines) {
        OrderStatus before = status;
        reject(command.reason());
        dropDeadlineOnceDecided(before, deadlines);
        return version();
    }

    /**
     * Fires for an order still undecided when it is due, and for one decided while the deadline was being fired (on
     * any instance) or placed before deadlines were removed: a decided one stays as it is.
     */
    @DeadlineHandler(deadlineName = RESERVATION_DEADLINE)
    void onReservationDeadline(String reason) {
        reject(payment == PaymentStatus.REQUESTED ? "the payment was not authorized in time" : reason);
    }

    private void reject(String reason) {
        if (status == OrderStatus.PENDING) {
            apply(new OrderRejectedEvent(orderId, reason));
            releasePayment();
        }
    }

    /** The order was decided by this command: its reservation deadline has nothing left to do. */
    private void dropDeadlineOnceDecided(OrderStatus before, ReservationDeadlines deadlines) {
        if (before == OrderStatus.PENDING && status != OrderStatus.PENDING && reservationDeadlineId != null) {
            deadlines.remove(reservationDeadlineId);
        }
    }

    /** An authorization the order holds is released when the order will not ship. */
    private void releasePayment() {
        if (payment == PaymentStatus.AUTHORIZED) {
            apply(new OrderPaymentVoidRequestedEvent(orderId, authorizationId));
        }
    }

    @CommandHandler
    public long handle(CancelOrderCommand command, ReservationDeadlines deadlines) {
        if (command.customerId() != null && !command.customerId().equals(customerId)) {
            throw new AggregateNotFoundException(orderId, "No order " + orderId);
        }
        long version = version();
        if (command.expectedVersion() != null && command.expectedVersion() != version) {
            throw new ConflictingAggregateVersionException(orderId, command.expectedVersion(), version);
        }
        switch (status) {
            case PENDING, CONFIRMED -> {
                OrderStatus before = status;
                apply(new OrderCancelledEvent(orderId, command.reason(), status == OrderStatus.CONFIRMED));
                releasePayment();
                dropDeadlineOnceDecided(before, deadlines);
            }
            case CANCELLED -> { } // already: nothing to do
            case SHIPPED, REJECTED -> throw new CommandRefusedException("A " + status + " order cannot be cancelled");
        }
        return version();
    }

    @CommandHandler
    public long handle(ShipOrderCommand command) {
        switch (status) {
            case CONFIRMED -> {
                apply(new OrderShippedEvent(orderId, lines));
                if (payment == PaymentStatus.AUTHORIZED) {
                    apply(new OrderPaymentCaptureRequestedEvent(orderId, authorizationId, paymentTotal));
                }
            }
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
        reservationExpiresAt = event.reservationExpiresAt();
        reservationDeadlineId = event.reservationDeadlineId();
        paymentToken = event.paymentToken();
        status = OrderStatus.PENDING;
    }

    @EventSourcingHandler
    void on(OrderPaymentRequestedEvent event) {
        payment = PaymentStatus.REQUESTED;
        pricedLines = event.lines();
        paymentTotal = event.total();
    }

    @EventSourcingHandler
    void on(OrderPaymentAuthorizedEvent event) {
        payment = PaymentStatus.AUTHORIZED;
        authorizationId = event.authorizationId();
    }

    @EventSourcingHandler
    void on(OrderPaymentDeclinedEvent event) {
        payment = PaymentStatus.DECLINED;
    }

    @EventSourcingHandler
    void on(OrderPaymentCaptureRequestedEvent event) {
        payment = PaymentStatus.CAPTURE_REQUESTED;
    }

    @EventSourcingHandler
    void on(OrderPaymentCapturedEvent event) {
        payment = PaymentStatus.CAPTURED;
    }

    @EventSourcingHandler
    void on(OrderPaymentVoidRequestedEvent event) {
        payment = PaymentStatus.VOID_REQUESTED;
    }

    @EventSourcingHandler
    void on(OrderPaymentVoidedEvent event) {
        payment = PaymentStatus.VOIDED;
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
