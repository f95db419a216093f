package io.emporium.api.product;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** @param expiresAt after this instant the product refuses the reservation (the order is rejected by then); may be null */
public record ReserveStockCommand(@TargetAggregateIdentifier String productId, String orderId, int quantity, Instant expiresAt) {

    public ReserveStockCommand(String productId, String orderId, int quantity) {
        this(productId, orderId, quantity, null);
    }
}
