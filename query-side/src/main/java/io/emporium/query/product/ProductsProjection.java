package io.emporium.query.product;

import io.emporium.query.elasticsearch.BulkIndexer;
import io.emporium.query.projection.ProjectionDefinition;
import org.springframework.stereotype.Component;

/** The products projection: product events into {@code products_vN} behind the alias {@code products}. */
@Component
class ProductsProjection implements ProjectionDefinition {

    private final BulkIndexer indexer;

    ProductsProjection(BulkIndexer indexer) {
        this.indexer = indexer;
    }

    @Override
    public String name() {
        return ProductProjection.NAME;
    }

    @Override
    public Object handlerFor(String index) {
        return new ProductProjection(indexer, index);
    }
}
