package io.emporium.api.product;

import io.emporium.api.Money;
import org.axonframework.serialization.Revision;

/**
 * Revision 3 adds the {@link CatalogueDetails} (brand, group, attributes, images); revision 2 carried the price as
 * {@link Money}; revision 1 (the walking skeleton) had separate {@code price} and {@code currency} fields. The
 * upcasters of {@code io.emporium.api.upcasting} bring the older ones up. The category is a path
 * ({@code home/kitchen/mugs}); one word is a path of one level, as every category stored before paths was.
 */
@Revision("3")
public record ProductCreatedEvent(String productId,
                                  String sku,
                                  String name,
                                  String description,
                                  String category,
                                  Money price,
                                  int initialStock,
                                  CatalogueDetails catalogue) implements ProductEvent {

    public ProductCreatedEvent {
        if (catalogue == null) catalogue = CatalogueDetails.NONE;
    }
}
