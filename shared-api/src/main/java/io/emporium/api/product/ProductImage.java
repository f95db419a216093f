package io.emporium.api.product;

/** A picture of a product, by address (the shop hosts its images; the backend only lists them), with its alt text. */
public record ProductImage(String url, String alt) {
}
