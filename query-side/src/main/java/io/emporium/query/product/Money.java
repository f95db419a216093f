package io.emporium.query.product;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Prices have at most two decimals (the command side refuses more); show them with exactly two. */
final class Money {

    private Money() {
    }

    static BigDecimal exact(BigDecimal amount) {
        return amount == null ? null : amount.setScale(2, RoundingMode.UNNECESSARY);
    }
}
