package io.emporium.api.order;

import io.emporium.api.Money;

/** The provider captured the authorization: the money is the shop's. */
public record OrderPaymentCapturedEvent(String orderId, String authorizationId, Money amount) implements OrderEvent {
}
