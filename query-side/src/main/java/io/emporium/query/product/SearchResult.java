package io.emporium.query.product;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.emporium.api.product.ProductImage;
import io.swagger.v3.oas.annotations.media.Schema;

/** The answer of product search: one page of items and facet counts over everything that matched. */
@Schema(name = "SearchResult", description = "One page of products, and the facets of all that matched.")
public record SearchResult(@Schema(description = "Products that matched (each variant counted).") long total,
                           @Schema(description = "Articles that matched: groups of variants count once (exact up to 3,000, close"
                                   + " above). Pages are of articles when collapsed.") long articles,
                           int page, int size, List<Item> items, Facets facets) {

    @Schema(name = "SearchHit", description = "A product that matched, with where the text matched and, when collapsed, the"
            + " variants of its group that matched (itself among them).")
    public record Item(@JsonUnwrapped ProductView product, Map<String, List<String>> highlights, List<Variant> variants) {
    }

    @Schema(name = "Variant", description = "A variant of the hit's article: what tells it apart.")
    public record Variant(String productId, String sku, String name, BigDecimal price, long available, boolean inStock,
                          @Schema(additionalPropertiesSchema = AttributeValueSchema.class) Map<String, Object> attributes,
                          List<ProductImage> images) {
    }

    public record Facets(@Schema(description = "Category paths at every level, with the products at or below each.") List<CategoryCount> categories,
                         List<PriceRangeCount> priceRanges, List<ValueCount> brands,
                         @Schema(description = "Each filterable attribute with its values' counts.") List<AttributeFacet> attributes) {
    }

    public record CategoryCount(String value, @Schema(description = "1 for a top level category.") int depth, long count) {
    }

    public record PriceRangeCount(BigDecimal from, BigDecimal to, long count) {
    }

    public record ValueCount(String value, long count) {
    }

    @Schema(name = "AttributeFacet", description = "Values of a filterable attribute among what matched; filter with attr=name:value.")
    public record AttributeFacet(String name, String label, String unit, List<ValueCount> values) {
    }
}
