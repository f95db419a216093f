package io.emporium.query.product;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.media.Schema;

/** The answer of product search: one page of items and facet counts over everything that matched. */
@Schema(name = "SearchResult", description = "One page of products, and the facets of all that matched.")
public record SearchResult(long total, int page, int size, List<Item> items, Facets facets) {

    @Schema(name = "SearchHit", description = "A product that matched, with where the text matched.")
    public record Item(@JsonUnwrapped ProductView product, Map<String, List<String>> highlights) {
    }

    public record Facets(List<CategoryCount> categories, List<PriceRangeCount> priceRanges) {
    }

    public record CategoryCount(String value, long count) {
    }

    public record PriceRangeCount(BigDecimal from, BigDecimal to, long count) {
    }
}
