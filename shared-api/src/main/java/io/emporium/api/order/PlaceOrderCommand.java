package io.emporium.api.order;

import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record PlaceOrderCommand(@TargetAggregateIdentifier String orderId, String customerId, List<OrderLine> lines) {
}
