package io.emporium.api.order;

import io.emporium.api.Money;

public record PricedOrderLine(String productId, int quantity, Money unitPrice) {
}
