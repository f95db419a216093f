package io.emporium.query.order;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;

/** An order as the HTTP API shows it. Amounts have exactly two decimals. */
public record OrderView(String orderId,
                        String customerId,
                        String status,
                        List<Line> lines,
                        BigDecimal total,
                        String currency,
                        String reason,
                        Instant placedAt,
                        Instant updatedAt,
                        long version) {

    public record Line(String productId, int quantity, BigDecimal unitPrice) {
    }

    public static OrderView of(OrderDocument d) {
        List<Line> lines = d.lines() == null ? List.of()
                : d.lines().stream().map(l -> new Line(l.productId(), l.quantity(), money(l.unitPrice()))).toList();
        return new OrderView(d.orderId(), d.customerId(), d.status(), lines, money(d.total()), d.currency(), d.reason(),
                d.placedAt(), d.updatedAt(), d.version());
    }

    private static BigDecimal money(BigDecimal amount) {
        return amount == null ? null : amount.setScale(2, RoundingMode.HALF_EVEN);
    }
}
