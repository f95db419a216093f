package io.emporium.command.product;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import io.emporium.api.Money;
import io.emporium.api.product.CatalogueDetails;
import io.emporium.api.product.ProductCreatedEvent;
import io.emporium.api.product.ProductDiscontinuedEvent;
import io.emporium.api.product.StockReservedEvent;

/** Test data in domain language: {@code aProduct().withStock(3).reservedFor("order-1", 2).events()}. */
final class ProductEvents {

    static final String PRODUCT = "product-1";
    static final Money PRICE = new Money(new BigDecimal("19.99"), "EUR");

    private final List<Object> events = new ArrayList<>();
    private long onHand;
    private long reserved;

    private ProductEvents(int stock) {
        onHand = stock;
        events.add(new ProductCreatedEvent(PRODUCT, "SKU-1", "Trail Jacket", "Waterproof", "outdoor", PRICE, stock, CatalogueDetails.NONE));
    }

    static ProductEvents aProduct() {
        return new ProductEvents(10);
    }

    /** Replaces the stock the product was created with: call it first. */
    ProductEvents withStock(int stock) {
        return new ProductEvents(stock);
    }

    ProductEvents reservedFor(String orderId, int quantity) {
        reserved += quantity;
        events.add(new StockReservedEvent(PRODUCT, orderId, quantity, PRICE, onHand, reserved));
        return this;
    }

    ProductEvents discontinued() {
        events.add(new ProductDiscontinuedEvent(PRODUCT));
        return this;
    }

    Object[] events() {
        return events.toArray();
    }
}
