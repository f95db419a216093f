package io.emporium.api.order;

import java.time.Instant;
import java.util.List;

/**
 * @param reservationExpiresAt when the order is rejected unless all of its lines are reserved (and, where it pays, its
 *                             payment authorized) by then; products refuse a reservation for it after this instant.
 *                             Null in events stored before it existed.
 * @param paymentToken         the provider's token the order is paid with; null where it does not pay through the
 *                             provider (and in events stored before payments existed). A token, never card data.
 * @param sealedShippingAddress where the order ships, sealed with the customer's key: personal data, unreadable once
 *                             the customer's data is erased. Null where none was given.
 * @param reservationDeadlineId the schedule of the order's reservation deadline, removed when the order is decided
 *                             before it is due; null in events stored before it was kept (their deadline fires and
 *                             finds the order decided)
 */
public record OrderPlacedEvent(String orderId, String customerId, List<OrderLine> lines, Instant reservationExpiresAt,
                               String paymentToken, String sealedShippingAddress, String reservationDeadlineId)
        implements OrderEvent {

    public OrderPlacedEvent(String orderId, String customerId, List<OrderLine> lines, Instant reservationExpiresAt,
                            String paymentToken, String sealedShippingAddress) {
        this(orderId, customerId, lines, reservationExpiresAt, paymentToken, sealedShippingAddress, null);
    }

    public OrderPlacedEvent(String orderId, String customerId, List<OrderLine> lines, Instant reservationExpiresAt, String paymentToken) {
        this(orderId, customerId, lines, reservationExpiresAt, paymentToken, null);
    }

    public OrderPlacedEvent(String orderId, String customerId, List<OrderLine> lines, Instant reservationExpiresAt) {
        this(orderId, customerId, lines, reservationExpiresAt, null, null);
    }

    public OrderPlacedEvent(String orderId, String customerId, List<OrderLine> lines) {
        this(orderId, customerId, lines, null, null, null);
    }
}
