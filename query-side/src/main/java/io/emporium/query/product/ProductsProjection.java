package io.emporium.query.product;

import io.emporium.api.product.ProductEvent;
import io.emporium.query.projection.DocumentProjection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The products projection: product events into {@code products_vN} behind the alias {@code products}. */
@Configuration
class ProductsProjection {

    static final String NAME = "products";

    @Bean
    DocumentProjection<ProductDocument> productDocuments() {
        return new DocumentProjection<>(NAME, "Product", ProductDocument.class,
                event -> event instanceof ProductEvent product ? product.productId() : null,
                ProductDocumentBuilder::apply, ProductDocument::version);
    }
}
