package io.emporium.api.product;

/** Every event of a product: projections handle them as one stream per product. */
public interface ProductEvent {

    String productId();
}
