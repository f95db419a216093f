package io.emporium.api.product;

import io.emporium.api.Money;

public record StockReservedEvent(String productId, String orderId, int quantity, Money unitPrice, long onHand, long reserved) implements ProductEvent {
}
