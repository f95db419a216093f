package io.emporium.query.product;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What a caller asks of product search, already validated.
 *
 * @param categories category paths: a product shelved at or below one of them matches
 * @param attributes filterable attribute → the values asked for (any of them)
 * @param collapse   one hit per group of variants, with the matching variants listed in it
 */
public record ProductSearch(String text,
                            List<String> categories,
                            List<String> brands,
                            Map<String, List<String>> attributes,
                            BigDecimal minPrice,
                            BigDecimal maxPrice,
                            Boolean inStock,
                            boolean includeDiscontinued,
                            SearchSort sort,
                            boolean collapse,
                            int page,
                            int size) {

    public int from() {
        return page * size;
    }
}
