package io.emporium.api.order;

import java.util.List;

public record OrderPlacedEvent(String orderId, String customerId, List<OrderLine> lines) implements OrderEvent {
}
