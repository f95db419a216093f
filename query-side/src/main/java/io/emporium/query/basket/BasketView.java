package io.emporium.query.basket;

import java.math.BigDecimal;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** A basket as the API shows it: each line with its product's current name, price and availability from the read model. */
@Schema(name = "Basket", description = "A customer's basket, priced now from the read model. Its version is also its ETag.")
public record BasketView(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "0") long version,
                         @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<Line> lines,
                         @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The sum of the lines that can be ordered.") BigDecimal total,
                         @Schema(nullable = true, description = "The lines' currency; absent while the basket is empty.") String currency,
                         @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Whether checkout would take the basket as it is:"
                                 + " not empty, nothing discontinued or unknown. A line beyond the stock available now may still be ordered;"
                                 + " the order is then rejected if the stock is not there when it is reserved.") boolean orderable) {

    /** Whether a line can be ordered as it is. */
    public enum Availability { AVAILABLE, INSUFFICIENT_STOCK, DISCONTINUED, UNKNOWN }

    @Schema(name = "BasketLine", description = "A product in the basket, as the read model has it now.")
    public record Line(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String productId,
                       @Schema(nullable = true) String sku,
                       @Schema(nullable = true) String name,
                       @Schema(nullable = true, description = "Absent for a product the read model does not know.") BigDecimal unitPrice,
                       @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "1") int quantity,
                       @Schema(nullable = true) BigDecimal lineTotal,
                       @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Units available now (0 for an unknown product).") long available,
                       @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Availability availability) {
    }
}
