package io.emporium.api.order;

import java.time.Instant;
import java.util.List;

import io.emporium.api.Money;

/**
 * Every line of an order that pays is reserved: its total is to be authorized with the payment token the customer gave.
 * The order stays PENDING until the provider authorizes (then it is confirmed with these lines) or declines.
 *
 * @param authorizeUntil the order's reservation deadline: a provider that does not answer is retried until then
 */
public record OrderPaymentRequestedEvent(String orderId, List<PricedOrderLine> lines, Money total, String paymentToken,
                                         Instant authorizeUntil) implements OrderEvent {
}
