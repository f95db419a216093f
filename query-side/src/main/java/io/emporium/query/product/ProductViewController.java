package io.emporium.query.product;

import io.emporium.support.web.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.emporium.support.api.ApiContract;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "search")
class ProductViewController {

    private final ProductReads reads;

    ProductViewController(ProductReads reads) {
        this.reads = reads;
    }

    @GetMapping("/{productId}")
    @Operation(operationId = "getProduct", summary = "Read a product",
            description = "As the read model has it, from the shared cache where one runs. With minVersion, waits a few seconds for"
                    + " the read model to reach the version a command answered (read-your-writes).")
    @ApiResponse(responseCode = "200", description = "The product.", headers = @Header(name = "ETag", ref = "#/components/headers/ETag"))
    @ApiResponse(responseCode = "409", description = "The read model has not reached minVersion within the wait; try again after"
            + " Retry-After seconds.", headers = @Header(name = "Retry-After", ref = "#/components/headers/Retry-After"),
            content = @Content(mediaType = ApiContract.PROBLEM_JSON, schema = @Schema(ref = "#/components/schemas/" + ApiContract.VERSION_NOT_REACHED)))
    ResponseEntity<ProductView> product(@PathVariable String productId,
                                        @RequestParam(required = false) @Parameter(description = "Wait until the product has reached this version.")
                                        @Schema(minimum = "0") Long minVersion,
                                        @RequestHeader(value = HttpHeaders.CACHE_CONTROL, required = false)
                                        @Parameter(description = "no-cache: read from the index, not from the shared cache.")
                                        @Schema(maxLength = 200) String cacheControl) {
        boolean fromTheIndex = cacheControl != null && cacheControl.contains("no-cache");
        ProductView view = reads.product(productId, minVersion, fromTheIndex)
                .map(ProductView::of)
                .orElseThrow(() -> new NotFoundException("No product " + productId));
        return ResponseEntity.ok().eTag(Long.toString(view.version())).body(view);
    }
}
