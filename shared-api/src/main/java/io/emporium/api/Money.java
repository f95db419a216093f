package io.emporium.api;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An exact amount in a currency. Never a double: money is counted in decimals. Amounts with up to two decimals
 * are held with exactly two, so that 12.5 and 12.50 are the same money (also after a trip through JSON).
 */
public record Money(BigDecimal amount, String currency) {

    public Money {
        amount = twoDecimals(amount);
    }

    /**
     * The one rule for amounts, wherever they are held or shown: up to two decimals are written with exactly two
     * (a trip through JSON may drop a trailing zero); more are left as they are, never rounded (the command side
     * refuses them).
     */
    public static BigDecimal twoDecimals(BigDecimal amount) {
        return amount != null && amount.stripTrailingZeros().scale() <= 2 ? amount.setScale(2, RoundingMode.UNNECESSARY) : amount;
    }

    public Money times(int quantity) {
        return new Money(amount.multiply(BigDecimal.valueOf(quantity)), currency);
    }

    public Money plus(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("Cannot add " + other.currency + " to " + currency);
        }
        return new Money(amount.add(other.amount), currency);
    }
}
