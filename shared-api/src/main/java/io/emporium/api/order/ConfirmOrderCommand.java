package io.emporium.api.order;

import java.util.List;

import io.emporium.api.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ConfirmOrderCommand(@TargetAggregateIdentifier String orderId, List<PricedOrderLine> lines, Money total) {
}
