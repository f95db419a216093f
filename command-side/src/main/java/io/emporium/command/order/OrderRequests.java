package io.emporium.command.order;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.emporium.command.web.TextRules;
import io.swagger.v3.oas.annotations.media.Schema;

/** Request bodies of the order commands, validated before any command is sent. */
final class OrderRequests {

    private OrderRequests() {
    }

    /** {@code customerId} may be left out: the caller's own. */
    @Schema(name = "NewOrder", description = "An order to place: up to 50 lines, each product at most once.")
    record Place(@Size(min = 1, max = 100) @Pattern(regexp = TextRules.LINE, message = TextRules.LINE_MESSAGE) String customerId,
                 @NotNull @Size(min = 1, max = Order.MAX_LINES) List<@NotNull @Valid Line> lines,
                 @Schema(description = "The payment provider's token to pay with (the simulator's: tok_approve, tok_decline_funds,"
                         + " tok_decline_expired, tok_slow, tok_flaky). Left out, the order does not pay through the provider"
                         + " (an order on account); with it, the order is confirmed only once its total is authorized.")
                 @Size(min = 1, max = 64) @Pattern(regexp = "^[A-Za-z0-9_]+$", message = "letters, digits and underscores") String paymentToken,
                 @Valid Address shippingAddress) {
    }

    @Schema(name = "OrderShippingAddress", description = "Where the order is shipped. Personal data: stored only encrypted with a key of the"
            + " customer's own, deleted when their data is erased (DELETE /api/customers/{customerId}/personal-data).")
    record Address(@NotBlank @Size(max = 100) @Pattern(regexp = TextRules.LINE, message = TextRules.LINE_MESSAGE) String name,
                   @NotBlank @Size(max = 200) @Pattern(regexp = TextRules.LINE, message = TextRules.LINE_MESSAGE) String line1,
                   @Size(max = 200) @Pattern(regexp = TextRules.LINE, message = TextRules.LINE_MESSAGE) String line2,
                   @NotBlank @Size(max = 20) @Pattern(regexp = TextRules.LINE, message = TextRules.LINE_MESSAGE) String postalCode,
                   @NotBlank @Size(max = 100) @Pattern(regexp = TextRules.LINE, message = TextRules.LINE_MESSAGE) String city,
                   @NotBlank @Pattern(regexp = "^[A-Z]{2}$", message = "an ISO 3166 country code, e.g. DE") String country) {
    }

    @Schema(name = "NewOrderLine", description = "A product and how many units of it.")
    record Line(@NotBlank @Size(max = 64) @Pattern(regexp = TextRules.LINE, message = TextRules.LINE_MESSAGE) String productId,
                @NotNull @Min(1) @Max(Order.MAX_LINE_QUANTITY) Integer quantity) {
    }

    @Schema(name = "OrderCancellation", description = "Why the order is cancelled (optional).")
    record Cancel(@Size(max = 500) @Pattern(regexp = TextRules.PARAGRAPH, message = TextRules.PARAGRAPH_MESSAGE) String reason) {
    }

    @Schema(name = "PlacedOrder", description = "The order placed: PENDING until the saga decides it.")
    record Placed(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 64) String orderId,
                  @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = "PENDING") String status,
                  @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "0") long version) {
    }

    @Schema(name = "OrderChange", description = "The order a command changed, and its version after it.")
    record Accepted(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 64) String orderId,
                    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "0") long version) {
    }
}
