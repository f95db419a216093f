package io.emporium.query.product;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A product as search sees it; built from events only. */
public record ProductDocument(String productId,
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
                              long version,
                              Suggest suggest) {

    public static final String ACTIVE = "ACTIVE";
    public static final String DISCONTINUED = "DISCONTINUED";

    /** Completion input: the whole name and each word of it, so "phone" suggests "Smartphone X". */
    public record Suggest(List<String> input) {
    }
}
