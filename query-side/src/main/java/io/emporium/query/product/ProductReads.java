package io.emporium.query.product;

import java.util.Optional;

import io.emporium.query.cache.DocumentCache;
import io.emporium.query.projection.IndexProperties;
import io.emporium.query.elasticsearch.VersionedReads;
import io.emporium.query.projection.LiveIndices;
import org.springframework.stereotype.Component;

/**
 * One product by id: from the shared cache when it holds the product at {@code minVersion} or later, else from
 * Elasticsearch (waiting for {@code minVersion} there), whose answer is then offered to the cache. Cache entries
 * belong to the live index of this instance's processor, so a rebuild's alias swap starts from fresh entries.
 */
@Component
public class ProductReads {

    private final VersionedReads reads;
    private final DocumentCache cache;
    private final LiveIndices liveIndices;
    private final String alias;

    ProductReads(VersionedReads reads, DocumentCache cache, LiveIndices liveIndices, IndexProperties names) {
        this.reads = reads;
        this.cache = cache;
        this.liveIndices = liveIndices;
        this.alias = names.alias(ProductsProjection.NAME);
    }

    /** @param fromTheIndex skip the cache (the answer is still offered to it) */
    public Optional<ProductDocument> product(String productId, Long minVersion, boolean fromTheIndex) {
        String liveIndex = cache.enabled() ? liveIndices.liveIndex(ProductsProjection.NAME).orElse(null) : null;
        if (liveIndex != null && !fromTheIndex) {
            Optional<ProductDocument> cached = cache.read(liveIndex, productId, ProductDocument.class, minVersion);
            if (cached.isPresent()) return cached;
        }
        Optional<ProductDocument> stored = reads.get(alias, productId, ProductDocument.class, minVersion, ProductDocument::version);
        if (liveIndex != null) stored.ifPresent(document -> cache.offer(liveIndex, productId, document.version(), document));
        return stored;
    }
}
