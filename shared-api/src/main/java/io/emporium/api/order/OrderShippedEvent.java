package io.emporium.api.order;

import java.util.List;

public record OrderShippedEvent(String orderId, List<OrderLine> lines) implements OrderEvent {
}
