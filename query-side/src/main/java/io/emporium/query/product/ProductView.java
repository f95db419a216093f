package io.emporium.query.product;

import java.math.BigDecimal;
import java.time.Instant;

import io.emporium.api.Money;
import io.swagger.v3.oas.annotations.media.Schema;

/** A product as the HTTP API shows it: the document without its search-only fields. */
@Schema(name = "Product", description = "A product as the read model has it.")
public record ProductView(String productId,
                          String sku,
                          String name,
                          String description,
                          String category,
                          BigDecimal price,
                          String currency,
                          long onHand,
                          long reserved,
                          long available,
                          boolean inStock,
                          String status,
                          Instant createdAt,
                          Instant updatedAt,
                          long version) {

    public static ProductView of(ProductDocument d) {
        return new ProductView(d.productId(), d.sku(), d.name(), d.description(), d.category(), Money.twoDecimals(d.price()), d.currency(),
                d.onHand(), d.reserved(), d.available(), d.inStock(), d.status(), d.createdAt(), d.updatedAt(), d.version());
    }
}
