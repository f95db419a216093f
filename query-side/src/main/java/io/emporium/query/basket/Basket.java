package io.emporium.query.basket;

import java.util.List;

/**
 * A customer's basket as Redis keeps it: what they chose, not what it costs (prices are read when it is shown). Its
 * version counts its changes, emptying included; a basket that was never changed (or expired) is version 0.
 */
public record Basket(long version, List<Line> lines) {

    public record Line(String productId, int quantity) {
    }

    public boolean isEmpty() {
        return lines.isEmpty();
    }
}
