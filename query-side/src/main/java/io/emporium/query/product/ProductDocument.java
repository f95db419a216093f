package io.emporium.query.product;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A product as search sees it; built from events only. {@code fieldVersions} makes it order-safe (see
 * {@link io.emporium.query.projection.FieldVersions}); it is stored but neither indexed nor shown.
 */
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
                              Suggest suggest,
                              Map<String, Long> fieldVersions) {

    public static final String ACTIVE = "ACTIVE";
    public static final String DISCONTINUED = "DISCONTINUED";

    /** Completion input: the whole name and each word of it, so "coffee" suggests "Stoneware Coffee Mug". */
    public record Suggest(List<String> input) {
    }
}
