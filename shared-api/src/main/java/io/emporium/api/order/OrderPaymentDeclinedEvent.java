package io.emporium.api.order;

/** The provider refused the payment: {@code declineCode} as it gave it, {@code reason} in words. */
public record OrderPaymentDeclinedEvent(String orderId, String declineCode, String reason) implements OrderEvent {
}
