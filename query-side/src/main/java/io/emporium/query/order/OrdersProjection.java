package io.emporium.query.order;

import io.emporium.query.elasticsearch.BulkIndexer;
import io.emporium.query.projection.ProjectionDefinition;
import org.springframework.stereotype.Component;

/** The orders projection: order events into {@code orders_vN} behind the alias {@code orders}. */
@Component
class OrdersProjection implements ProjectionDefinition {

    private final BulkIndexer indexer;

    OrdersProjection(BulkIndexer indexer) {
        this.indexer = indexer;
    }

    @Override
    public String name() {
        return OrderProjection.NAME;
    }

    @Override
    public Object handlerFor(String index) {
        return new OrderProjection(indexer, index);
    }
}
