package io.emporium.api.order;

import java.time.Instant;
import java.util.List;

/**
 * @param reservationExpiresAt when the order is rejected unless all of its lines are reserved by then; products refuse
 *                             a reservation for it after this instant. Null in events stored before it existed.
 */
public record OrderPlacedEvent(String orderId, String customerId, List<OrderLine> lines, Instant reservationExpiresAt)
        implements OrderEvent {

    public OrderPlacedEvent(String orderId, String customerId, List<OrderLine> lines) {
        this(orderId, customerId, lines, null);
    }
}
