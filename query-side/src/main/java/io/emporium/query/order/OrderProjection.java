package io.emporium.query.order;

import java.time.Instant;

import io.emporium.api.order.OrderEvent;
import io.emporium.query.elasticsearch.BulkIndexer;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;

/**
 * Projects every order event into the order's document; its version is the aggregate's sequence number.
 * One instance per index generation: the live one and, during a rebuild, the new one.
 */
class OrderProjection {

    static final String NAME = "orders";

    private final BulkIndexer indexer;
    private final String index;

    OrderProjection(BulkIndexer indexer, String index) {
        this.indexer = indexer;
        this.index = index;
    }

    @EventHandler
    void on(OrderEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        OrderDocument current = indexer.current(index, event.orderId(), OrderDocument.class,
                payload -> payload instanceof OrderEvent e ? e.orderId() : null).orElse(null);
        OrderDocument next = OrderDocuments.apply(current, event, sequence, at);
        indexer.index(index, event.orderId(), next.version(), next);
    }
}
