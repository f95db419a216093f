package io.emporium.query.checkout;

import java.math.BigDecimal;

import io.swagger.v3.oas.annotations.media.Schema;

@Schema(name = "CheckoutAccepted", description = "The order placed from the basket: PENDING until its stock is reserved and its payment"
        + " authorized (CONFIRMED) or one of them refused (REJECTED, with the reason). Follow it at /api/orders/{orderId}.")
public record CheckoutAnswer(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String orderId,
                             @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = "PENDING") String status,
                             @Schema(requiredMode = Schema.RequiredMode.REQUIRED) BigDecimal total,
                             @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String currency) {
}
