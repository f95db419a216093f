package io.emporium.api.product;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ShipStockCommand(@TargetAggregateIdentifier String productId, String orderId) {
}
