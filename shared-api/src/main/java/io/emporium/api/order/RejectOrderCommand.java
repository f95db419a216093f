package io.emporium.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RejectOrderCommand(@TargetAggregateIdentifier String orderId, String reason) {
}
