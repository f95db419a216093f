package io.emporium.query.product;

import java.util.Arrays;
import java.util.Locale;

/** Sort orders of product search, spelled as in the HTTP contract. */
public enum SearchSort {
    RELEVANCE, PRICE_ASC, PRICE_DESC, NEWEST, NAME;

    public static SearchSort fromParameter(String value) {
        return Arrays.stream(values())
                .filter(s -> s.name().equalsIgnoreCase(value.trim()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("sort must be one of "
                        + Arrays.stream(values()).map(s -> s.name().toLowerCase(Locale.ROOT)).toList()));
    }
}
