package io.emporium.query.checkout;

import java.math.BigDecimal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.media.Schema;

@Schema(name = "Checkout", description = "What the customer saw and agreed to: the basket's total, where to ship, how to pay.")
public record CheckoutRequest(
        @Schema(description = "The total the customer saw; checkout is refused (409) when the basket costs anything else now.")
        @NotNull @DecimalMin("0.00") @Digits(integer = 12, fraction = 2) BigDecimal expectedTotal,
        @NotNull @Valid ShippingAddress shippingAddress,
        @Schema(description = "The payment provider's token (the simulator's: tok_approve, tok_decline_funds, tok_decline_expired,"
                + " tok_slow, tok_flaky). Never card data.")
        @NotNull @Size(min = 1, max = 64) @Pattern(regexp = "^[A-Za-z0-9_]+$", message = "letters, digits and underscores") String paymentToken) {
}
