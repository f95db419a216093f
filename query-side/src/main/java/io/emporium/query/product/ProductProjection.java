package io.emporium.query.product;

import java.time.Instant;

import io.emporium.api.product.ProductEvent;
import io.emporium.query.elasticsearch.BulkIndexer;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;

/**
 * Projects every product event into the product's document; its version is the aggregate's sequence number.
 * One instance per index generation: the live one and, during a rebuild, the new one.
 */
class ProductProjection {

    static final String NAME = "products";

    private final BulkIndexer indexer;
    private final String index;

    ProductProjection(BulkIndexer indexer, String index) {
        this.indexer = indexer;
        this.index = index;
    }

    @EventHandler
    void on(ProductEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        ProductDocument current = indexer.current(index, event.productId(), ProductDocument.class,
                payload -> payload instanceof ProductEvent e ? e.productId() : null).orElse(null);
        ProductDocument next = ProductDocuments.apply(current, event, sequence, at);
        indexer.index(index, event.productId(), next.version(), next);
    }
}
