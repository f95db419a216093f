package io.emporium.api.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import io.emporium.api.product.AttributeValue;
import io.emporium.api.product.CatalogueDetails;
import io.emporium.api.product.ProductCreatedEvent;
import io.emporium.api.product.ProductDetailsUpdatedEvent;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

/** Events stored before the catalogue's details, read through the whole chain both services register. */
class CatalogueDetailsUpcasterTest {

    private final JacksonSerializer serializer = JacksonSerializer.defaultSerializer();

    @Test
    void aProductCreatedByTheWalkingSkeletonIsReadAtTheCurrentRevisionWithAnEmptyCatalogue() {
        IntermediateEventRepresentation read = throughTheChain(ProductCreatedEvent.class, null, "{\"productId\":\"p-1\",\"sku\":\"MUG-001\","
                + "\"name\":\"Stoneware Coffee Mug\",\"description\":\"Keeps coffee warm\",\"category\":\"kitchen\",\"price\":12.50,"
                + "\"currency\":\"EUR\",\"initialStock\":40}");

        assertThat(read.getType().getRevision()).isEqualTo("3");
        ProductCreatedEvent event = serializer.deserialize(read.getData());
        assertThat(event.catalogue()).isEqualTo(CatalogueDetails.NONE);
        assertThat(event.price().amount()).isEqualByComparingTo("12.50");
        assertThat(event.category()).isEqualTo("kitchen");
    }

    @Test
    void aSecondRevisionCreationAndAnUnrevisedDetailsChangeGetAnEmptyCatalogue() {
        IntermediateEventRepresentation created = throughTheChain(ProductCreatedEvent.class, "2",
                "{\"productId\":\"p-1\",\"sku\":\"A\",\"name\":\"A\",\"description\":\"\",\"category\":\"office\","
                        + "\"price\":{\"amount\":1.00,\"currency\":\"EUR\"},\"initialStock\":1}");
        IntermediateEventRepresentation details = throughTheChain(ProductDetailsUpdatedEvent.class, null,
                "{\"productId\":\"p-1\",\"name\":\"B\",\"description\":\"d\",\"category\":\"home\"}");

        assertThat(created.getType().getRevision()).isEqualTo("3");
        assertThat(details.getType().getRevision()).isEqualTo("2");
        assertThat(((ProductCreatedEvent) serializer.deserialize(created.getData())).catalogue()).isEqualTo(CatalogueDetails.NONE);
        ProductDetailsUpdatedEvent changed = serializer.deserialize(details.getData());
        assertThat(changed.catalogue()).isEqualTo(CatalogueDetails.NONE);
        assertThat(changed.name()).isEqualTo("B");
    }

    @Test
    void theCurrentRevisionKeepsItsCatalogue() {
        IntermediateEventRepresentation read = throughTheChain(ProductDetailsUpdatedEvent.class, "2",
                "{\"productId\":\"p-1\",\"name\":\"B\",\"description\":\"d\",\"category\":\"home/kitchen\",\"catalogue\":{\"brand\":\"Acme\","
                        + "\"group\":\"g-1\",\"attributes\":[{\"attribute\":\"colour\",\"text\":\"red\"}],\"images\":[]}}");

        ProductDetailsUpdatedEvent changed = serializer.deserialize(read.getData());
        assertThat(changed.catalogue().brand()).isEqualTo("Acme");
        assertThat(changed.catalogue().attributes()).containsExactly(AttributeValue.text("colour", "red"));
    }

    private IntermediateEventRepresentation throughTheChain(Class<?> type, String revision, String payload) {
        GenericDomainEventEntry<byte[]> stored = new GenericDomainEventEntry<>("Product", "p-1", 0, "e-1", Instant.now(),
                type.getTypeName(), revision, payload.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
        List<IntermediateEventRepresentation> read = EventUpcasters.all().upcast(Stream.of(new InitialEventRepresentation(stored, serializer))).toList();
        assertThat(read).hasSize(1);
        return read.get(0);
    }
}
