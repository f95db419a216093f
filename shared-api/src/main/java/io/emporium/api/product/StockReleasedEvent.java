package io.emporium.api.product;

import java.time.Instant;

/** @param expiresAt the order's reservation expiry (null when unknown, as in events stored before it existed) */
public record StockReleasedEvent(String productId, String orderId, int quantity, long onHand, long reserved, Instant expiresAt)
        implements ProductEvent {

    public StockReleasedEvent(String productId, String orderId, int quantity, long onHand, long reserved) {
        this(productId, orderId, quantity, onHand, reserved, null);
    }
}
