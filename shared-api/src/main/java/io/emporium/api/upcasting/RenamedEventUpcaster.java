package io.emporium.api.upcasting;

import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import io.emporium.api.product.StockAddedEvent;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Events stored under a name the code no longer uses, read under the current one (same fields, same revision).
 * One of {@link EventUpcasters#all()}, which both services register with their event store.
 */
public class RenamedEventUpcaster extends SingleEventUpcaster {

    /** Stored name, current class. */
    static final Map<String, String> RENAMED = Map.of(
            "io.emporium.api.product.ProductStockAddedEvent", StockAddedEvent.class.getTypeName());

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return RENAMED.containsKey(representation.getType().getName());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        String current = RENAMED.get(representation.getType().getName());
        return representation.upcastPayload(new SimpleSerializedType(current, representation.getType().getRevision()),
                JsonNode.class, Function.identity());
    }
}
