package io.emporium.api.product;

import java.time.Instant;

import io.emporium.api.Money;

/** @param expiresAt the order's reservation expiry (null in events stored before it existed) */
public record StockReservedEvent(String productId, String orderId, int quantity, Money unitPrice, long onHand, long reserved,
                                 Instant expiresAt) implements ProductEvent {

    public StockReservedEvent(String productId, String orderId, int quantity, Money unitPrice, long onHand, long reserved) {
        this(productId, orderId, quantity, unitPrice, onHand, reserved, null);
    }
}
