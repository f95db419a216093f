package io.emporium.api.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emporium.api.product.ProductCreatedEvent;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Reads {@link ProductCreatedEvent} revision 1 (no revision stored): {@code price} was a bare number next to a
 * {@code currency} field; revision 2 holds both in one {@code price: {amount, currency}}.
 * It lives beside the events because both services read them: {@link EventUpcasters#all()} holds it.
 */
public class ProductCreatedEventUpcaster extends SingleEventUpcaster {

    private static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(ProductCreatedEvent.class.getTypeName(), null);
    private static final SimpleSerializedType REVISION_2 = new SimpleSerializedType(ProductCreatedEvent.class.getTypeName(), "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().equals(REVISION_1);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, JsonNode.class, payload -> {
            ObjectNode event = (ObjectNode) payload;
            ObjectNode price = event.objectNode();
            price.set("amount", event.remove("price"));
            price.set("currency", event.remove("currency"));
            event.set("price", price);
            return event;
        });
    }
}
