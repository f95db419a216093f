package io.emporium.api.product;

import io.emporium.api.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record ChangeProductPriceCommand(@TargetAggregateIdentifier String productId, Money price, @TargetAggregateVersion Long expectedVersion) {
}
