package io.emporium.api.order;

/** Every event of an order: projections handle them as one stream per order. */
public interface OrderEvent {

    String orderId();
}
