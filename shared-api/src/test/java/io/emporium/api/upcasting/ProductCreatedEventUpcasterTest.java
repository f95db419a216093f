package io.emporium.api.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import io.emporium.api.Money;
import io.emporium.api.product.ProductCreatedEvent;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

class ProductCreatedEventUpcasterTest {

    private final JacksonSerializer serializer = JacksonSerializer.defaultSerializer();

    /** The walking skeleton stored this: price and currency side by side, no revision. */
    private static final String REVISION_1_PAYLOAD = "{\"productId\":\"p-1\",\"sku\":\"MUG-001\",\"name\":\"Stoneware Coffee Mug\","
            + "\"description\":\"Keeps coffee warm\",\"category\":\"kitchen\",\"price\":12.50,\"currency\":\"EUR\",\"initialStock\":40}";

    @Test
    void readsTheFirstRevisionWithPriceAndCurrencyFoldedIntoMoney() {
        DomainEventData<byte[]> stored = new GenericDomainEventEntry<>("Product", "p-1", 0, "e-1", Instant.now(),
                ProductCreatedEvent.class.getTypeName(), null, REVISION_1_PAYLOAD.getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));

        List<IntermediateEventRepresentation> upcasted = new ProductCreatedEventUpcaster()
                .upcast(Stream.of(new InitialEventRepresentation(stored, serializer))).toList();

        assertThat(upcasted).hasSize(1);
        assertThat(upcasted.get(0).getType().getRevision()).isEqualTo("2");
        ProductCreatedEvent event = serializer.deserialize(upcasted.get(0).getData());
        assertThat(event.price()).isEqualTo(new Money(new BigDecimal("12.50"), "EUR"));
        assertThat(event.initialStock()).isEqualTo(40);
        assertThat(event.name()).isEqualTo("Stoneware Coffee Mug");
    }

    @Test
    void leavesTheCurrentRevisionAlone() {
        DomainEventData<byte[]> stored = new GenericDomainEventEntry<>("Product", "p-1", 0, "e-1", Instant.now(),
                ProductCreatedEvent.class.getTypeName(), "2",
                "{\"productId\":\"p-1\",\"price\":{\"amount\":1.00,\"currency\":\"EUR\"}}".getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));

        List<IntermediateEventRepresentation> upcasted = new ProductCreatedEventUpcaster()
                .upcast(Stream.of(new InitialEventRepresentation(stored, serializer))).toList();

        assertThat(upcasted.get(0).getType().getRevision()).isEqualTo("2");
        ProductCreatedEvent event = serializer.deserialize(upcasted.get(0).getData());
        assertThat(event.price().amount()).isEqualByComparingTo("1.00");
    }
}
