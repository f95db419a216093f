package io.emporium.query.product;

import io.emporium.support.web.NotFoundException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * One product by id; with {@code minVersion}, once the read model has caught up with that write. With
 * {@code Cache-Control: no-cache}, read from Elasticsearch rather than the shared cache.
 */
@RestController
@RequestMapping("/api/products")
class ProductViewController {

    private final ProductReads reads;

    ProductViewController(ProductReads reads) {
        this.reads = reads;
    }

    @GetMapping("/{productId}")
    ResponseEntity<ProductView> product(@PathVariable String productId, @RequestParam(required = false) Long minVersion,
                                        @RequestHeader(value = HttpHeaders.CACHE_CONTROL, required = false) String cacheControl) {
        boolean fromTheIndex = cacheControl != null && cacheControl.contains("no-cache");
        ProductView view = reads.product(productId, minVersion, fromTheIndex)
                .map(ProductView::of)
                .orElseThrow(() -> new NotFoundException("No product " + productId));
        return ResponseEntity.ok().eTag(Long.toString(view.version())).body(view);
    }
}
