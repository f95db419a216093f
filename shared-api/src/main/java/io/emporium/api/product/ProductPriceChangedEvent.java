package io.emporium.api.product;

import io.emporium.api.Money;

public record ProductPriceChangedEvent(String productId, Money price) implements ProductEvent {
}
