package io.emporium.query.product;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.emporium.api.catalogue.AttributeType;
import io.emporium.query.merchandising.DeclaredAttribute;
import io.emporium.query.merchandising.MerchandisingRules;
import io.emporium.support.web.InvalidParameterException;

/**
 * A search's filters by name (category, price, brand, each attribute): they go in the post filter, and each facet
 * is counted with all of them but its own, so that choosing a value leaves its alternatives visible.
 */
final class Filters {

    static final String CATEGORY = "category";
    static final String PRICE = "price";
    static final String BRAND = "brand";

    private final Map<String, Query> byName = new LinkedHashMap<>();

    private Filters() {
    }

    static String attribute(String name) {
        return "attribute:" + name;
    }

    static Filters of(ProductSearch search, MerchandisingRules rules) {
        Filters filters = new Filters();
        if (!search.categories().isEmpty()) filters.byName.put(CATEGORY, terms("categoryLevels", search.categories()));
        if (!search.brands().isEmpty()) filters.byName.put(BRAND, terms("brand", search.brands()));
        if (search.minPrice() != null || search.maxPrice() != null) {
            filters.byName.put(PRICE, Query.of(q -> q.range(r -> r.number(n -> {
                n.field("price");
                if (search.minPrice() != null) n.gte(search.minPrice().doubleValue());
                if (search.maxPrice() != null) n.lte(search.maxPrice().doubleValue());
                return n;
            }))));
        }
        search.attributes().forEach((name, values) -> {
            DeclaredAttribute declared = rules.attribute(name);
            if (declared == null || !declared.filterable()) {
                throw new InvalidParameterException("attr", "'" + name + "' is not a filterable attribute (GET /api/attributes lists them)");
            }
            filters.byName.put(attribute(name), terms("attributeValues", values.stream().map(v -> name + "=" + shown(declared, v)).toList()));
        });
        return filters;
    }

    /** A filter's value as documents hold it ({@code AttributeValue#shown}): numbers without trailing zeros, yes or no. */
    private static String shown(DeclaredAttribute attribute, String value) {
        if (attribute.type() == AttributeType.NUMBER) {
            try {
                return new BigDecimal(value).stripTrailingZeros().toPlainString();
            } catch (NumberFormatException e) {
                throw new InvalidParameterException("attr", "'" + attribute.name() + "' takes a number");
            }
        }
        if (attribute.type() == AttributeType.BOOLEAN) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "yes", "true" -> "yes";
                case "no", "false" -> "no";
                default -> throw new InvalidParameterException("attr", "'" + attribute.name() + "' takes yes or no");
            };
        }
        return value;
    }

    boolean isEmpty() {
        return byName.isEmpty();
    }

    boolean has(String name) {
        return byName.containsKey(name);
    }

    /** Every filter; match all without any. */
    Query all() {
        return and(byName.values().stream().toList());
    }

    /** Every filter but one: what its facet is counted over. */
    Query allBut(String name) {
        return and(byName.entrySet().stream().filter(e -> !e.getKey().equals(name)).map(Map.Entry::getValue).toList());
    }

    private static Query and(List<Query> queries) {
        if (queries.isEmpty()) return Query.of(q -> q.matchAll(m -> m));
        if (queries.size() == 1) return queries.get(0);
        return Query.of(q -> q.bool(b -> b.filter(queries)));
    }

    private static Query terms(String field, List<String> values) {
        return Query.of(q -> q.terms(t -> t.field(field).terms(v -> v.value(values.stream().map(FieldValue::of).toList()))));
    }
}
