package io.emporium.api.order;

import io.emporium.api.Money;

/** The order shipped: the authorization is to be captured, for exactly the amount authorized. */
public record OrderPaymentCaptureRequestedEvent(String orderId, String authorizationId, Money amount) implements OrderEvent {
}
