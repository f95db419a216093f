package io.emporium.api.product;

public record StockShippedEvent(String productId, String orderId, int quantity, long onHand, long reserved) implements ProductEvent {
}
