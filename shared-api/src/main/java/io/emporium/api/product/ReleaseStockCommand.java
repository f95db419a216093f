package io.emporium.api.product;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ReleaseStockCommand(@TargetAggregateIdentifier String productId, String orderId) {
}
