package io.emporium.api.order;

import java.util.List;

import io.emporium.api.Money;

public record OrderConfirmedEvent(String orderId, List<PricedOrderLine> lines, Money total) implements OrderEvent {
}
