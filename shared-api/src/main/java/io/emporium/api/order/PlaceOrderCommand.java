package io.emporium.api.order;

import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * @param paymentToken          the provider's token of how the customer pays; null for an order that does not pay
 *                              through the provider
 * @param sealedShippingAddress where it ships, sealed with the customer's key (personal data); null where none is given
 */
public record PlaceOrderCommand(@TargetAggregateIdentifier String orderId, String customerId, List<OrderLine> lines, String paymentToken,
                                String sealedShippingAddress) {

    public PlaceOrderCommand(String orderId, String customerId, List<OrderLine> lines, String paymentToken) {
        this(orderId, customerId, lines, paymentToken, null);
    }

    public PlaceOrderCommand(String orderId, String customerId, List<OrderLine> lines) {
        this(orderId, customerId, lines, null, null);
    }
}
