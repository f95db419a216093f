package io.emporium.query.product;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.emporium.api.Money;
import io.emporium.api.product.ProductCreatedEvent;
import io.emporium.api.product.ProductDetailsUpdatedEvent;
import io.emporium.api.product.ProductDiscontinuedEvent;
import io.emporium.api.product.ProductPriceChangedEvent;
import io.emporium.api.product.StockAddedEvent;
import io.emporium.api.product.StockReleasedEvent;
import io.emporium.api.product.StockReservationRejectedEvent;
import io.emporium.api.product.StockReservedEvent;
import io.emporium.api.product.StockShippedEvent;
import io.emporium.query.projection.FieldVersions;
import io.emporium.query.projection.IndexableText;

/**
 * Builds product documents from events: plain functions, no Elasticsearch in sight. Each event sets its group of
 * fields (details, price, stock, status) to absolute values, guarded by {@link FieldVersions}.
 */
public final class ProductDocumentBuilder {

    private ProductDocumentBuilder() {
    }

    /** The document after the event; {@code current} is null for a product not seen before. */
    public static ProductDocument apply(ProductDocument current, Object event, long sequence, Instant at) {
        Draft d = new Draft(current);
        if (event instanceof ProductCreatedEvent e) {
            d.productId = e.productId();
            if (d.versions.claim("created", sequence)) {
                d.sku = IndexableText.line(e.sku());
                d.createdAt = at;
            }
            if (d.versions.claim("details", sequence)) d.details(e.name(), e.description(), e.category());
            if (d.versions.claim("price", sequence)) d.price(e.price().amount(), e.price().currency());
            if (d.versions.claim("stock", sequence)) d.stock(e.initialStock(), 0);
            if (d.versions.claim("status", sequence)) d.status = ProductDocument.ACTIVE;
        } else if (event instanceof ProductDetailsUpdatedEvent e) {
            if (d.versions.claim("details", sequence)) d.details(e.name(), e.description(), e.category());
        } else if (event instanceof ProductPriceChangedEvent e) {
            if (d.versions.claim("price", sequence)) d.price(e.price().amount(), e.price().currency());
        } else if (event instanceof StockAddedEvent e) {
            if (d.versions.claim("stock", sequence)) d.stock(e.onHand(), e.reserved());
        } else if (event instanceof StockReservedEvent e) {
            if (d.versions.claim("stock", sequence)) d.stock(e.onHand(), e.reserved());
        } else if (event instanceof StockReleasedEvent e) {
            if (d.versions.claim("stock", sequence)) d.stock(e.onHand(), e.reserved());
        } else if (event instanceof StockShippedEvent e) {
            if (d.versions.claim("stock", sequence)) d.stock(e.onHand(), e.reserved());
        } else if (event instanceof ProductDiscontinuedEvent) {
            if (d.versions.claim("status", sequence)) d.status = ProductDocument.DISCONTINUED;
        } else if (event instanceof StockReservationRejectedEvent) {
            d.versions.claim("rejections", sequence); // changes no field, but the document has seen this version
        } else {
            throw new IllegalArgumentException("Not a product event: " + event.getClass().getName());
        }
        if (!(event instanceof StockReservationRejectedEvent) && d.versions.claim("updated", sequence)) {
            d.updatedAt = at;
        }
        return d.build();
    }

    static ProductDocument.Suggest suggest(String name) {
        if (name == null) return null;
        Set<String> inputs = new LinkedHashSet<>();
        inputs.add(name.trim());
        for (String word : name.trim().split("\\s+")) {
            if (word.length() > 1) inputs.add(word);
        }
        return new ProductDocument.Suggest(List.copyOf(inputs));
    }

    /** The document being built, field by field. */
    private static final class Draft {
        String productId;
        String sku;
        String name;
        String description;
        String category;
        BigDecimal price;
        String currency;
        long onHand;
        long reserved;
        String status;
        Instant createdAt;
        Instant updatedAt;
        final FieldVersions versions;

        Draft(ProductDocument d) {
            versions = new FieldVersions(d == null ? null : d.fieldVersions());
            if (d == null) return;
            productId = d.productId();
            sku = d.sku();
            name = d.name();
            description = d.description();
            category = d.category();
            price = Money.twoDecimals(d.price()); // a trip through JSON may have dropped a trailing zero
            currency = d.currency();
            onHand = d.onHand();
            reserved = d.reserved();
            status = d.status();
            createdAt = d.createdAt();
            updatedAt = d.updatedAt();
        }

        void details(String name, String description, String category) {
            this.name = IndexableText.line(name);
            this.description = IndexableText.paragraph(description);
            this.category = IndexableText.line(category);
        }

        void price(BigDecimal amount, String currency) {
            this.price = amount;
            this.currency = currency;
        }

        void stock(long onHand, long reserved) {
            this.onHand = onHand;
            this.reserved = reserved;
        }

        ProductDocument build() {
            long available = onHand - reserved;
            return new ProductDocument(productId, sku, name, description, category, price, currency, onHand, reserved,
                    available, available > 0, status, createdAt, updatedAt, versions.newest(),
                    // completion is filtered by status: a document whose status is not known yet suggests nothing
                    status == null ? null : suggest(name), versions.asMap());
        }
    }
}
