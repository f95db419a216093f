package io.emporium.command.order;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.emporium.command.web.TextRules;

/** Request bodies of the order commands, validated before any command is sent. */
final class OrderRequests {

    private OrderRequests() {
    }

    /** {@code customerId} may be left out: the caller's own. */
    record Place(@Size(min = 1, max = 100) @Pattern(regexp = TextRules.LINE, message = TextRules.LINE_MESSAGE) String customerId,
                 @NotEmpty @Size(max = Order.MAX_LINES) List<@NotNull @Valid Line> lines) {
    }

    record Line(@NotBlank @Size(max = 64) @Pattern(regexp = TextRules.LINE, message = TextRules.LINE_MESSAGE) String productId,
                @NotNull @Min(1) @Max(Order.MAX_LINE_QUANTITY) Integer quantity) {
    }

    record Cancel(@Size(max = 500) @Pattern(regexp = TextRules.PARAGRAPH, message = TextRules.PARAGRAPH_MESSAGE) String reason) {
    }

    record Placed(String orderId, String status, long version) {
    }

    record Accepted(String orderId, long version) {
    }
}
