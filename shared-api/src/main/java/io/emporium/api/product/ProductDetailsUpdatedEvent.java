package io.emporium.api.product;

public record ProductDetailsUpdatedEvent(String productId, String name, String description, String category) implements ProductEvent {
}
