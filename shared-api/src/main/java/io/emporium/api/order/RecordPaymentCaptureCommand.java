package io.emporium.api.order;

import io.emporium.api.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The provider captured the order's authorization. */
public record RecordPaymentCaptureCommand(@TargetAggregateIdentifier String orderId, String authorizationId, Money amount) {
}
