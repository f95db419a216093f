package io.emporium.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The provider released the order's authorization. */
public record RecordPaymentVoidCommand(@TargetAggregateIdentifier String orderId, String authorizationId) {
}
