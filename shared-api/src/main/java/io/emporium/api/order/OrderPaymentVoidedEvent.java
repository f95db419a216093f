package io.emporium.api.order;

/** The provider released the authorization: nothing is charged. */
public record OrderPaymentVoidedEvent(String orderId, String authorizationId) implements OrderEvent {
}
