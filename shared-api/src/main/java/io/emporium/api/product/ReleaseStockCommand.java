package io.emporium.api.product;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** @param expiresAt the order's reservation expiry: until then a reservation still on its way must reserve nothing */
public record ReleaseStockCommand(@TargetAggregateIdentifier String productId, String orderId, Instant expiresAt) {

    public ReleaseStockCommand(String productId, String orderId) {
        this(productId, orderId, null);
    }
}
