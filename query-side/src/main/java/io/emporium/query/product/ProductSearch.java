package io.emporium.query.product;

import java.math.BigDecimal;
import java.util.List;

/** What a caller asks of product search, already validated. */
public record ProductSearch(String text,
                            List<String> categories,
                            BigDecimal minPrice,
                            BigDecimal maxPrice,
                            Boolean inStock,
                            boolean includeDiscontinued,
                            SearchSort sort,
                            int page,
                            int size) {

    public int from() {
        return page * size;
    }
}
