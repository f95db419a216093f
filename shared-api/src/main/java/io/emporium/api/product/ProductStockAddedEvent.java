package io.emporium.api.product;

public record ProductStockAddedEvent(String productId, int quantity, long onHand, long reserved) implements ProductEvent {
}
