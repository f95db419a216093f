package io.emporium.api.order;

public record OrderRejectedEvent(String orderId, String reason) implements OrderEvent {
}
