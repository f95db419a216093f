package io.emporium.api.order;

/**
 * Where an order's payment stands. NONE: the order does not pay through a provider (placed without a payment token).
 * AUTHORIZED holds the money; CAPTURED took it (the order shipped); VOIDED released it (cancelled or rejected).
 */
public enum PaymentStatus { NONE, REQUESTED, AUTHORIZED, DECLINED, CAPTURE_REQUESTED, CAPTURED, VOID_REQUESTED, VOIDED }
