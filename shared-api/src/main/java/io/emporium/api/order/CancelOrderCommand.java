package io.emporium.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Cancels an order. {@code customerId}: the customer asking, who must own the order (anyone else is told there is no
 * such order); null when staff ask. The order checks {@code expectedVersion} itself, after the owner, so that a
 * stranger learns nothing of the order's version either.
 */
public record CancelOrderCommand(@TargetAggregateIdentifier String orderId, String reason, Long expectedVersion, String customerId) {

    public CancelOrderCommand(String orderId, String reason, Long expectedVersion) {
        this(orderId, reason, expectedVersion, null);
    }
}
