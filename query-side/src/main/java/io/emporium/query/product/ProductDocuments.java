package io.emporium.query.product;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.emporium.api.product.ProductCreatedEvent;

/** Builds product documents from events: plain functions, no Elasticsearch in sight. */
public final class ProductDocuments {

    private ProductDocuments() {
    }

    public static ProductDocument created(ProductCreatedEvent e, long version, Instant at) {
        return new ProductDocument(e.productId(), e.sku(), e.name(), e.description(), e.category(), e.price(), e.currency(),
                e.initialStock(), 0, e.initialStock(), e.initialStock() > 0, ProductDocument.ACTIVE, at, at, version,
                suggest(e.name()));
    }

    static ProductDocument.Suggest suggest(String name) {
        Set<String> inputs = new LinkedHashSet<>();
        inputs.add(name.trim());
        for (String word : name.trim().split("\\s+")) {
            if (word.length() > 1) inputs.add(word);
        }
        return new ProductDocument.Suggest(List.copyOf(inputs));
    }
}
