package io.emporium.api.upcasting;

import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;

/**
 * Every upcaster of the stored events, as one: both services register it with their event store (one bean each), so
 * neither can read an old event differently from the other. Order matters: each upcaster takes the revision the one
 * before it made.
 */
public final class EventUpcasters {

    private EventUpcasters() {
    }

    public static EventUpcaster all() {
        return new EventUpcasterChain(new ProductCreatedEventUpcaster(), new CatalogueDetailsUpcaster(), new RenamedEventUpcaster());
    }
}
