package io.emporium.api.product;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record DiscontinueProductCommand(@TargetAggregateIdentifier String productId, @TargetAggregateVersion Long expectedVersion) {
}
