package io.emporium.api.order;

public record OrderCancelledEvent(String orderId, String reason, boolean wasConfirmed) implements OrderEvent {
}
