package io.emporium.query.product;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.emporium.api.product.AttributeValue;
import io.emporium.api.product.ProductImage;

/**
 * A product as search sees it; built from events only. {@code fieldVersions} makes it order-safe (see
 * {@link io.emporium.query.projection.FieldVersions}); it is stored but neither indexed nor shown.
 * <p>
 * For search only: {@code categoryLevels} (each level's path: {@code home}, {@code home/kitchen}, ...), {@code groupKey}
 * (the group, or the product's own id for an article of its own: one hit per key), {@code attributeValues}
 * ({@code colour=red}, for facets and filters), {@code attributeText} (the values as words) and the English stems of
 * the name and of all its text ({@link io.emporium.query.text.EnglishStems}).
 */
public record ProductDocument(String productId,
                              String sku,
                              String name,
                              String description,
                              String category,
                              List<String> categoryLevels,
                              String brand,
                              String group,
                              String groupKey,
                              List<AttributeValue> attributes,
                              List<String> attributeValues,
                              String attributeText,
                              List<ProductImage> images,
                              String nameStems,
                              String textStems,
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
