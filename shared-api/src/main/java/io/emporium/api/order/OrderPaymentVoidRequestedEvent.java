package io.emporium.api.order;

/** The order was cancelled or rejected while, or after, its payment was authorized: the authorization is to be released. */
public record OrderPaymentVoidRequestedEvent(String orderId, String authorizationId) implements OrderEvent {
}
