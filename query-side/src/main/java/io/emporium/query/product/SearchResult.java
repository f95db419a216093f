package io.emporium.query.product;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** The answer of product search: one page of items and facet counts over everything that matched. */
public record SearchResult(long total, int page, int size, List<Item> items, Facets facets) {

    public record Item(@JsonUnwrapped ProductView product, Map<String, List<String>> highlights) {
    }

    public record Facets(List<CategoryCount> categories, List<PriceRangeCount> priceRanges) {
    }

    public record CategoryCount(String value, long count) {
    }

    public record PriceRangeCount(BigDecimal from, BigDecimal to, long count) {
    }
}
