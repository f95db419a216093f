package io.emporium.query.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.emporium.api.Money;
import io.swagger.v3.oas.annotations.media.Schema;

/** An order as the HTTP API shows it. Amounts have exactly two decimals. */
@Schema(name = "Order", description = "An order as the read model has it.")
public record OrderView(String orderId,
                        String customerId,
                        String status,
                        List<Line> lines,
                        BigDecimal total,
                        String currency,
                        String reason,
                        @Schema(description = "Where the order's payment stands; absent where the order does not pay through the provider or its"
                                + " payment was not asked for yet.", nullable = true,
                                allowableValues = {"REQUESTED", "AUTHORIZED", "DECLINED", "CAPTURE_REQUESTED", "CAPTURED", "VOID_REQUESTED", "VOIDED"})
                        String payment,
                        Instant placedAt,
                        Instant updatedAt,
                        long version) {

    @Schema(name = "OrderViewLine", description = "A product, how many, and its unit price once confirmed.")
    public record Line(String productId, int quantity, BigDecimal unitPrice) {
    }

    public static OrderView of(OrderDocument d) {
        List<Line> lines = d.lines() == null ? List.of()
                : d.lines().stream().map(l -> new Line(l.productId(), l.quantity(), Money.twoDecimals(l.unitPrice()))).toList();
        return new OrderView(d.orderId(), d.customerId(), d.status(), lines, Money.twoDecimals(d.total()), d.currency(), d.reason(), d.payment(),
                d.placedAt(), d.updatedAt(), d.version());
    }

}
