package io.emporium.command.product;

/**
 * The set-based rule "a SKU belongs to one product": claimed in the same transaction as the product's first event,
 * so either both are stored or neither.
 */
public interface SkuRegistry {

    /** @return false when another product holds the SKU already */
    boolean claim(String sku, String productId);
}
