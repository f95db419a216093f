package io.emporium.api.order;

import io.emporium.api.Money;

/** The provider holds {@code amount} for the order under {@code authorizationId}. */
public record OrderPaymentAuthorizedEvent(String orderId, String authorizationId, Money amount) implements OrderEvent {
}
