package io.emporium.api.upcasting;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emporium.api.product.ProductCreatedEvent;
import io.emporium.api.product.ProductDetailsUpdatedEvent;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Events of a product's details stored before brands, groups, attributes and images: they get an empty
 * {@code catalogue} (no brand, no group, no attributes, no images), which is what such a product had.
 * {@link ProductCreatedEvent} revision 2 becomes 3 (after {@link ProductCreatedEventUpcaster} made 1 into 2),
 * {@link ProductDetailsUpdatedEvent} without revision becomes 2.
 */
public class CatalogueDetailsUpcaster extends SingleEventUpcaster {

    private static final Map<SimpleSerializedType, SimpleSerializedType> UPCASTS = Map.of(
            new SimpleSerializedType(ProductCreatedEvent.class.getTypeName(), "2"),
            new SimpleSerializedType(ProductCreatedEvent.class.getTypeName(), "3"),
            new SimpleSerializedType(ProductDetailsUpdatedEvent.class.getTypeName(), null),
            new SimpleSerializedType(ProductDetailsUpdatedEvent.class.getTypeName(), "2"));

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return UPCASTS.containsKey(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(UPCASTS.get(representation.getType()), JsonNode.class, payload -> {
            ObjectNode event = (ObjectNode) payload;
            ObjectNode catalogue = event.putObject("catalogue");
            catalogue.putNull("brand");
            catalogue.putNull("group");
            catalogue.putArray("attributes");
            catalogue.putArray("images");
            return event;
        });
    }
}
