package io.emporium.query.product;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.emporium.api.Money;
import io.emporium.api.product.AttributeValue;
import io.emporium.api.product.ProductImage;
import io.swagger.v3.oas.annotations.media.Schema;

/** A product as the HTTP API shows it: the document without its search-only fields. */
@Schema(name = "Product", description = "A product as the read model has it.")
public record ProductView(String productId,
                          String sku,
                          String name,
                          String description,
                          @Schema(description = "Where it is shelved, a path from the top level: `home/kitchen/mugs`.") String category,
                          @Schema(description = "Its brand, if any.") String brand,
                          @Schema(description = "The article it is a variant of, if any: products of one group are variants of one article.") String group,
                          @Schema(description = "Values of declared attributes by name: text, a number (in the attribute's unit) or true/false.",
                                  additionalPropertiesSchema = AttributeValueSchema.class) Map<String, Object> attributes,
                          List<ProductImage> images,
                          BigDecimal price,
                          String currency,
                          long onHand,
                          long reserved,
                          long available,
                          boolean inStock,
                          String status,
                          Instant createdAt,
                          Instant updatedAt,
                          long version) {

    public static ProductView of(ProductDocument d) {
        return new ProductView(d.productId(), d.sku(), d.name(), d.description(), d.category(), d.brand(), d.group(), attributes(d),
                d.images() == null ? List.of() : d.images(), Money.twoDecimals(d.price()), d.currency(),
                d.onHand(), d.reserved(), d.available(), d.inStock(), d.status(), d.createdAt(), d.updatedAt(), d.version());
    }

    private static Map<String, Object> attributes(ProductDocument d) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (d.attributes() == null) return values;  // a document indexed before attributes were
        for (AttributeValue value : d.attributes()) {
            values.put(value.attribute(), value.text() != null ? value.text() : value.number() != null ? value.number() : value.flag());
        }
        return values;
    }
}
