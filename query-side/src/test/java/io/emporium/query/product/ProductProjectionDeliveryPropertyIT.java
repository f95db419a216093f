package io.emporium.query.product;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.emporium.api.Money;
import io.emporium.api.product.CatalogueDetails;
import io.emporium.api.product.ProductCreatedEvent;
import io.emporium.api.product.ProductDetailsUpdatedEvent;
import io.emporium.api.product.ProductDiscontinuedEvent;
import io.emporium.api.product.ProductPriceChangedEvent;
import io.emporium.api.product.StockAddedEvent;
import io.emporium.api.product.StockReleasedEvent;
import io.emporium.api.product.StockReservationRejectedEvent;
import io.emporium.api.product.StockReservedEvent;
import io.emporium.api.product.ProductEvent;
import io.emporium.query.cache.DocumentCache;
import io.emporium.query.elasticsearch.BulkIndexer;
import io.emporium.query.elasticsearch.DocumentReader;
import io.emporium.query.elasticsearch.ElasticsearchTestClient;
import io.emporium.query.elasticsearch.ProjectionIndices;
import io.emporium.query.elasticsearch.VersionedReads;
import io.emporium.query.redis.SharedRedis;
import io.emporium.query.projection.IndexProperties;
import io.emporium.testsupport.TestServices;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Against real Elasticsearch: generated product histories, delivered in batches whose events are shuffled and
 * duplicated, end in exactly the documents that one in-order pass builds.
 */
class ProductProjectionDeliveryPropertyIT {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static ElasticsearchClient client;
    private static RestClientTransport transport;

    @BeforeContainer
    static void connect() {
        transport = ElasticsearchTestClient.transport();
        client = new ElasticsearchClient(transport);
    }

    @AfterContainer
    static void disconnect() throws Exception {
        transport.close();
    }

    private static DocumentCache withoutCache(IndexProperties names) {
        SharedRedis none = new SharedRedis("", "", "emporium:", java.time.Duration.ofMillis(200), java.time.Duration.ofSeconds(5));
        return new DocumentCache(none, new JacksonJsonpMapper(), new SimpleMeterRegistry(), false, java.time.Duration.ofMinutes(1), List.of(), names);
    }

    @Property(tries = 25)
    void duplicatedAndReorderedDeliveriesEndInTheInOrderDocuments(@ForAll long seed) throws Exception {
        Random random = new Random(seed);
        IndexProperties names = new IndexProperties(TestServices.newIndexPrefix(), "1s");
        new ProjectionIndices(client, names).ensureFirstGeneration(ProductsProjection.NAME);
        EventMessageHandler projection = new ProductsProjection().productDocuments().handlerFor(names.index(ProductsProjection.NAME, 1),
                new BulkIndexer(client, new DocumentReader(client), new SimpleMeterRegistry(), List.of(new VersionedReads(client, java.time.Duration.ofSeconds(1), 1), withoutCache(names))));

        List<Delivery> inOrder = new ArrayList<>();
        Map<String, ProductDocument> expected = new HashMap<>();
        for (int p = 0; p < 3; p++) {
            String productId = "product-" + p;
            List<Object> history = history(productId, random);
            ProductDocument document = null;
            for (int seq = 0; seq < history.size(); seq++) {
                Instant at = T0.plusSeconds(seq);
                inOrder.add(new Delivery(history.get(seq), seq, at));
                document = ProductDocumentBuilder.apply(document, history.get(seq), seq, at);
            }
            expected.put(productId, document);
        }
        Collections.shuffle(inOrder, random); // products interleave; each product's own order is broken below anyway

        int next = 0;
        while (next < inOrder.size()) {
            int end = Math.min(inOrder.size(), next + 1 + random.nextInt(6));
            List<Delivery> batch = new ArrayList<>(inOrder.subList(next, end));
            for (int d = random.nextInt(3); d > 0; d--) batch.add(inOrder.get(random.nextInt(end))); // redeliveries
            Collections.shuffle(batch, random);
            UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage(batch.get(0).event));
            for (Delivery delivery : batch) {
                projection.handle(new GenericDomainEventMessage<>("Product", ((ProductEvent) delivery.event).productId(),
                        delivery.sequence, delivery.event, MetaData.emptyInstance(), UUID.randomUUID().toString(), delivery.at));
            }
            unitOfWork.commit();
            next = end;
        }

        for (Map.Entry<String, ProductDocument> product : expected.entrySet()) {
            ProductDocument stored = client.get(g -> g.index(names.alias(ProductsProjection.NAME)).id(product.getKey()),
                    ProductDocument.class).source();
            assertThat(stored).isEqualTo(product.getValue());
        }
        client.indices().delete(d -> d.index(names.index(ProductsProjection.NAME, 1)));
    }

    private static List<Object> history(String productId, Random random) {
        List<Object> events = new ArrayList<>();
        long onHand = random.nextInt(20);
        long reserved = 0;
        events.add(new ProductCreatedEvent(productId, "SKU-" + productId, "Name " + random.nextInt(100), "Description",
                "category-" + random.nextInt(3), price(random), (int) onHand, CatalogueDetails.NONE));
        int length = random.nextInt(9);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(7)) {
                case 0 -> events.add(new ProductDetailsUpdatedEvent(productId, "Renamed " + random.nextInt(100), "New text", "category-" + random.nextInt(3), CatalogueDetails.NONE));
                case 1 -> events.add(new ProductPriceChangedEvent(productId, price(random)));
                case 2 -> {
                    onHand += 1 + random.nextInt(5);
                    events.add(new StockAddedEvent(productId, 1, onHand, reserved));
                }
                case 3 -> {
                    if (onHand > reserved) {
                        reserved++;
                        events.add(new StockReservedEvent(productId, "order-" + i, 1, price(random), onHand, reserved));
                    }
                }
                case 4 -> {
                    if (reserved > 0) {
                        reserved--;
                        events.add(new StockReleasedEvent(productId, "order-x" + i, 1, onHand, reserved));
                    }
                }
                case 5 -> events.add(new StockReservationRejectedEvent(productId, "order-r" + i, 99, onHand - reserved, "only a few"));
                default -> events.add(new ProductDiscontinuedEvent(productId));
            }
        }
        return events;
    }

    private static Money price(Random random) {
        return new Money(BigDecimal.valueOf(1 + random.nextInt(10_000), 2), "EUR");
    }

    private record Delivery(Object event, long sequence, Instant at) {
    }
}
