package io.emporium.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The provider declined the order's payment. */
public record RecordPaymentDeclineCommand(@TargetAggregateIdentifier String orderId, String declineCode, String reason) {
}
