package io.emporium.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record ShipOrderCommand(@TargetAggregateIdentifier String orderId, @TargetAggregateVersion Long expectedVersion) {
}
