package io.emporium.query.product;

import io.emporium.query.elasticsearch.IndexProperties;
import io.emporium.query.elasticsearch.VersionedReads;
import io.emporium.support.web.NotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** One product by id; with {@code minVersion}, once the read model has caught up with that write. */
@RestController
@RequestMapping("/api/products")
class ProductViewController {

    private final VersionedReads reads;
    private final String index;

    ProductViewController(VersionedReads reads, IndexProperties names) {
        this.reads = reads;
        this.index = names.alias(ProductsProjection.NAME);
    }

    @GetMapping("/{productId}")
    ResponseEntity<ProductView> product(@PathVariable String productId, @RequestParam(required = false) Long minVersion) {
        ProductView view = reads.get(index, productId, ProductDocument.class, minVersion, ProductDocument::version)
                .map(ProductView::of)
                .orElseThrow(() -> new NotFoundException("No product " + productId));
        return ResponseEntity.ok().eTag(Long.toString(view.version())).body(view);
    }
}
