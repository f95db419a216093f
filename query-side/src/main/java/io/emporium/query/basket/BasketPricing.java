package io.emporium.query.basket;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.emporium.api.Money;
import io.emporium.query.product.ProductDocument;
import io.emporium.query.product.ProductReads;
import org.springframework.stereotype.Component;

/** Prices a basket from the read model: names, unit prices and availability as they are now. */
@Component
public class BasketPricing {

    private final ProductReads products;

    BasketPricing(ProductReads products) {
        this.products = products;
    }

    /** @param fresh read every product from the index, not the cache (checkout: the price the order will be placed at) */
    public BasketView price(Basket basket, boolean fresh) {
        List<BasketView.Line> lines = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO.setScale(2);
        String currency = null;
        boolean orderable = !basket.isEmpty();
        for (Basket.Line line : basket.lines()) {
            Optional<ProductDocument> found = products.product(line.productId(), null, fresh);
            if (found.isEmpty()) {
                lines.add(new BasketView.Line(line.productId(), null, null, null, line.quantity(), null, 0, BasketView.Availability.UNKNOWN));
                orderable = false;
                continue;
            }
            ProductDocument product = found.get();
            BigDecimal unitPrice = Money.twoDecimals(product.price());
            BigDecimal lineTotal = unitPrice.multiply(BigDecimal.valueOf(line.quantity()));
            BasketView.Availability availability = !ProductDocument.ACTIVE.equals(product.status()) ? BasketView.Availability.DISCONTINUED
                    : product.available() < line.quantity() ? BasketView.Availability.INSUFFICIENT_STOCK : BasketView.Availability.AVAILABLE;
            if (availability == BasketView.Availability.DISCONTINUED) {
                orderable = false;
            } else {
                // too few available now is no refusal: the read model may lag, and the reservation decides
                total = total.add(lineTotal);
                currency = product.currency();
            }
            lines.add(new BasketView.Line(line.productId(), product.sku(), product.name(), unitPrice, line.quantity(), lineTotal,
                    Math.max(0, product.available()), availability));
        }
        return new BasketView(basket.version(), lines, total, currency, orderable);
    }

    /** The product as the read model has it (cached reads will do: a basket line is no promise of a price). */
    public Optional<ProductDocument> product(String productId) {
        return products.product(productId, null, false);
    }
}
