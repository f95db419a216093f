package io.emporium.api.product;

import java.util.List;

/**
 * What a catalogue says about a product beyond its name: its brand (or none), the group of variants it belongs to
 * (or none: an article of its own), its attribute values and its images. Never null in an event: upcasters give
 * events stored before it an empty one.
 */
public record CatalogueDetails(String brand, String group, List<AttributeValue> attributes, List<ProductImage> images) {

    public static final CatalogueDetails NONE = new CatalogueDetails(null, null, List.of(), List.of());

    public CatalogueDetails {
        attributes = attributes == null ? List.of() : List.copyOf(attributes);
        images = images == null ? List.of() : List.copyOf(images);
    }
}
