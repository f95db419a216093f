package io.emporium.api.product;

public record ProductDiscontinuedEvent(String productId) implements ProductEvent {
}
