package io.emporium.api.product;

import org.axonframework.serialization.Revision;

/** Revision 2 adds the {@link CatalogueDetails}; revision 1 (none stored) had name, description and category only. */
@Revision("2")
public record ProductDetailsUpdatedEvent(String productId, String name, String description, String category,
                                         CatalogueDetails catalogue) implements ProductEvent {

    public ProductDetailsUpdatedEvent {
        if (catalogue == null) catalogue = CatalogueDetails.NONE;
    }
}
