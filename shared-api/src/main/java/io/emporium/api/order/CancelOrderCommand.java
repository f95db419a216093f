package io.emporium.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record CancelOrderCommand(@TargetAggregateIdentifier String orderId, String reason, @TargetAggregateVersion Long expectedVersion) {
}
