package io.emporium.api.product;

public record StockAddedEvent(String productId, int quantity, long onHand, long reserved) implements ProductEvent {
}
