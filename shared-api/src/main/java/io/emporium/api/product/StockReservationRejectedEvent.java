package io.emporium.api.product;

public record StockReservationRejectedEvent(String productId, String orderId, int requested, long available, String reason) implements ProductEvent {
}
