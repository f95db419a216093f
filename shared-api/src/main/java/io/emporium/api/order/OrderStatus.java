package io.emporium.api.order;

/** Where an order stands: the command side decides it, the read model and the API show it by these names. */
public enum OrderStatus { PENDING, CONFIRMED, REJECTED, CANCELLED, SHIPPED }
