package io.emporium.api.order;

import io.emporium.api.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The provider authorized the order's payment (sent again after a crash: the order records it once). */
public record RecordPaymentAuthorizationCommand(@TargetAggregateIdentifier String orderId, String authorizationId, Money amount) {
}
