package io.emporium.query.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An order as its views show it; built from events only. {@code payment}: a {@code PaymentStatus}, null where none was asked for. */
public record OrderDocument(String orderId,
                            String customerId,
                            String status,
                            List<Line> lines,
                            BigDecimal total,
                            String currency,
                            String reason,
                            String payment,
                            Instant placedAt,
                            Instant updatedAt,
                            long version,
                            Map<String, Long> fieldVersions) {

    /** {@code unitPrice} is known once the order is confirmed: it is the price the stock was reserved at. */
    public record Line(String productId, int quantity, BigDecimal unitPrice) {
    }
}
