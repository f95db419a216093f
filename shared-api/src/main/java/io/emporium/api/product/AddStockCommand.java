package io.emporium.api.product;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record AddStockCommand(@TargetAggregateIdentifier String productId, int quantity, @TargetAggregateVersion Long expectedVersion) {
}
