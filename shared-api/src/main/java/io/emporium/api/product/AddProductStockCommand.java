package io.emporium.api.product;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record AddProductStockCommand(@TargetAggregateIdentifier String productId, int quantity, @TargetAggregateVersion Long expectedVersion) {
}
