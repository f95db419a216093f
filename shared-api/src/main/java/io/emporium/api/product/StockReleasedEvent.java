package io.emporium.api.product;

public record StockReleasedEvent(String productId, String orderId, int quantity, long onHand, long reserved) implements ProductEvent {
}
