package io.emporium.api.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import io.emporium.api.product.StockAddedEvent;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

class RenamedEventUpcasterTest {

    private final JacksonSerializer serializer = JacksonSerializer.defaultSerializer();

    @Test
    void aStockArrivalStoredUnderItsOldNameIsReadAsTheCurrentEvent() {
        StockAddedEvent event = read("io.emporium.api.product.ProductStockAddedEvent",
                "{\"productId\":\"p-1\",\"quantity\":5,\"onHand\":45,\"reserved\":3}");
        assertThat(event).isEqualTo(new StockAddedEvent("p-1", 5, 45, 3));
    }

    @Test
    void anEventUnderItsCurrentNameIsLeftAlone() {
        StockAddedEvent event = read(StockAddedEvent.class.getTypeName(), "{\"productId\":\"p-2\",\"quantity\":1,\"onHand\":1,\"reserved\":0}");
        assertThat(event).isEqualTo(new StockAddedEvent("p-2", 1, 1, 0));
    }

    private StockAddedEvent read(String payloadType, String payload) {
        DomainEventData<byte[]> stored = new GenericDomainEventEntry<>("Product", "p-1", 3, "e-1", Instant.now(), payloadType, null,
                payload.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
        List<IntermediateEventRepresentation> upcasted = new RenamedEventUpcaster()
                .upcast(Stream.of(new InitialEventRepresentation(stored, serializer))).toList();
        assertThat(upcasted).hasSize(1);
        assertThat(upcasted.get(0).getType().getName()).isEqualTo(StockAddedEvent.class.getTypeName());
        return serializer.deserialize(upcasted.get(0).getData());
    }
}
