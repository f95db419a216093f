package io.emporium.query.product;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.emporium.api.Money;
import io.emporium.api.product.AttributeValue;
import io.emporium.api.product.CatalogueDetails;
import io.emporium.api.product.ProductCreatedEvent;
import io.emporium.api.product.ProductDetailsUpdatedEvent;
import io.emporium.api.product.ProductDiscontinuedEvent;
import io.emporium.api.product.ProductEvent;
import io.emporium.api.product.ProductPriceChangedEvent;
import io.emporium.api.product.StockAddedEvent;
import io.emporium.api.product.StockReleasedEvent;
import io.emporium.api.product.StockReservationRejectedEvent;
import io.emporium.api.product.StockReservedEvent;
import io.emporium.api.product.StockShippedEvent;
import io.emporium.query.projection.FieldVersions;
import io.emporium.query.projection.IndexableText;
import io.emporium.query.text.EnglishStems;

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
        // also before its creation has arrived (events of a product may come out of order)
        if (event instanceof ProductEvent product) d.productId = product.productId();
        if (event instanceof ProductCreatedEvent e) {
            if (d.versions.claim("created", sequence)) {
                d.sku = IndexableText.line(e.sku());
                d.createdAt = at;
            }
            if (d.versions.claim("details", sequence)) d.details(e.name(), e.description(), e.category(), e.catalogue());
            if (d.versions.claim("price", sequence)) d.price(e.price().amount(), e.price().currency());
            if (d.versions.claim("stock", sequence)) d.stock(e.initialStock(), 0);
            if (d.versions.claim("status", sequence)) d.status = ProductDocument.ACTIVE;
        } else if (event instanceof ProductDetailsUpdatedEvent e) {
            if (d.versions.claim("details", sequence)) d.details(e.name(), e.description(), e.category(), e.catalogue());
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

    /** {@code home/kitchen/mugs}: {@code home}, {@code home/kitchen}, {@code home/kitchen/mugs}. */
    static List<String> levels(String category) {
        if (category == null) return List.of();
        List<String> levels = new ArrayList<>();
        int slash = -1;
        while ((slash = category.indexOf('/', slash + 1)) >= 0) levels.add(category.substring(0, slash));
        levels.add(category);
        return levels;
    }

    private static List<String> nonNull(String... texts) {
        return Stream.of(texts).filter(Objects::nonNull).toList();
    }

    /** The document being built, field by field. */
    private static final class Draft {
        String productId;
        String sku;
        String name;
        String description;
        String category;
        CatalogueDetails catalogue = CatalogueDetails.NONE;
        String nameStems;
        String textStems;
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
            catalogue = new CatalogueDetails(d.brand(), d.group(), d.attributes(), d.images());
            nameStems = d.nameStems();
            textStems = d.textStems();
            price = Money.twoDecimals(d.price()); // a trip through JSON may have dropped a trailing zero
            currency = d.currency();
            onHand = d.onHand();
            reserved = d.reserved();
            status = d.status();
            createdAt = d.createdAt();
            updatedAt = d.updatedAt();
        }

        void details(String name, String description, String category, CatalogueDetails catalogue) {
            this.name = IndexableText.line(name);
            this.description = IndexableText.paragraph(description);
            this.category = IndexableText.line(category);
            this.catalogue = catalogue;
            // analysed again when the document is built: only a details event changes the text
            this.nameStems = null;
            this.textStems = null;
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
            List<String> attributeValues = catalogue.attributes().stream().map(v -> v.attribute() + "=" + v.shown()).toList();
            // a flag's value as words would find every product that has it ("no"): only text and numbers are words
            String attributeText = catalogue.attributes().stream().filter(v -> v.flag() == null).map(AttributeValue::shown)
                    .collect(Collectors.joining(" "));
            String brand = IndexableText.line(catalogue.brand());
            return new ProductDocument(productId, sku, name, description, category, levels(category), brand, catalogue.group(),
                    catalogue.group() != null ? catalogue.group() : "product:" + productId, catalogue.attributes(), attributeValues,
                    attributeText, catalogue.images(), nameStems != null ? nameStems : EnglishStems.of(name),
                    textStems != null ? textStems
                            : EnglishStems.of(String.join(" ", nonNull(name, brand, description, category == null ? null : category.replace('/', ' '), attributeText))),
                    price, currency, onHand, reserved,
                    available, available > 0, status, createdAt, updatedAt, versions.newest(),
                    // completion is filtered by status: a document whose status is not known yet suggests nothing
                    status == null ? null : suggest(name), versions.asMap());
        }
    }
}
