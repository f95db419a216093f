package io.emporium.query.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.emporium.api.Money;
import io.emporium.api.order.OrderCancelledEvent;
import io.emporium.api.order.OrderConfirmedEvent;
import io.emporium.api.order.OrderPaymentAuthorizedEvent;
import io.emporium.api.order.OrderPaymentCaptureRequestedEvent;
import io.emporium.api.order.OrderPaymentCapturedEvent;
import io.emporium.api.order.OrderPaymentDeclinedEvent;
import io.emporium.api.order.OrderPaymentRequestedEvent;
import io.emporium.api.order.OrderPaymentVoidRequestedEvent;
import io.emporium.api.order.OrderPaymentVoidedEvent;
import io.emporium.api.order.OrderPlacedEvent;
import io.emporium.api.order.OrderRejectedEvent;
import io.emporium.api.order.OrderShippedEvent;
import io.emporium.api.order.OrderStatus;
import io.emporium.api.order.PaymentStatus;
import io.emporium.api.order.PricedOrderLine;
import io.emporium.query.projection.FieldVersions;
import io.emporium.query.projection.IndexableText;

/** Builds order documents from events: plain functions, order-safe through {@link FieldVersions}. */
public final class OrderDocumentBuilder {

    private OrderDocumentBuilder() {
    }

    public static OrderDocument apply(OrderDocument current, Object event, long sequence, Instant at) {
        Draft d = new Draft(current);
        if (event instanceof OrderPlacedEvent e) {
            d.orderId = e.orderId();
            if (d.versions.claim("placed", sequence)) {
                d.customerId = IndexableText.line(e.customerId());
                d.placedAt = at;
                if (!d.versions.has("pricing")) {
                    d.lines = e.lines().stream().map(l -> new OrderDocument.Line(l.productId(), l.quantity(), null)).toList();
                }
            }
            status(d, sequence, OrderStatus.PENDING, null);
        } else if (event instanceof OrderConfirmedEvent e) {
            pricing(d, sequence, e.lines(), e.total());
            status(d, sequence, OrderStatus.CONFIRMED, null);
        } else if (event instanceof OrderPaymentRequestedEvent e) {
            pricing(d, sequence, e.lines(), e.total());
            payment(d, sequence, PaymentStatus.REQUESTED);
        } else if (event instanceof OrderPaymentAuthorizedEvent) {
            payment(d, sequence, PaymentStatus.AUTHORIZED);
        } else if (event instanceof OrderPaymentDeclinedEvent) {
            payment(d, sequence, PaymentStatus.DECLINED);
        } else if (event instanceof OrderPaymentCaptureRequestedEvent) {
            payment(d, sequence, PaymentStatus.CAPTURE_REQUESTED);
        } else if (event instanceof OrderPaymentCapturedEvent) {
            payment(d, sequence, PaymentStatus.CAPTURED);
        } else if (event instanceof OrderPaymentVoidRequestedEvent) {
            payment(d, sequence, PaymentStatus.VOID_REQUESTED);
        } else if (event instanceof OrderPaymentVoidedEvent) {
            payment(d, sequence, PaymentStatus.VOIDED);
        } else if (event instanceof OrderRejectedEvent e) {
            status(d, sequence, OrderStatus.REJECTED, e.reason());
        } else if (event instanceof OrderCancelledEvent e) {
            status(d, sequence, OrderStatus.CANCELLED, e.reason());
        } else if (event instanceof OrderShippedEvent) {
            status(d, sequence, OrderStatus.SHIPPED, null);
        } else {
            throw new IllegalArgumentException("Not an order event: " + event.getClass().getName());
        }
        if (d.versions.claim("updated", sequence)) d.updatedAt = at;
        return d.build();
    }

    private static void pricing(Draft d, long sequence, List<PricedOrderLine> lines, Money total) {
        if (d.versions.claim("pricing", sequence)) {
            d.lines = lines.stream().map(l -> new OrderDocument.Line(l.productId(), l.quantity(), l.unitPrice().amount())).toList();
            d.total = total.amount();
            d.currency = total.currency();
        }
    }

    private static void payment(Draft d, long sequence, PaymentStatus payment) {
        if (d.versions.claim("payment", sequence)) d.payment = payment.name();
    }

    private static void status(Draft d, long sequence, OrderStatus status, String reason) {
        if (d.versions.claim("status", sequence)) {
            d.status = status.name();
            d.reason = IndexableText.paragraph(reason);
        }
    }

    private static final class Draft {
        String orderId;
        String customerId;
        String status;
        List<OrderDocument.Line> lines;
        BigDecimal total;
        String currency;
        String reason;
        String payment;
        Instant placedAt;
        Instant updatedAt;
        final FieldVersions versions;

        Draft(OrderDocument d) {
            versions = new FieldVersions(d == null ? null : d.fieldVersions());
            if (d == null) return;
            orderId = d.orderId();
            customerId = d.customerId();
            status = d.status();
            // a trip through JSON may have dropped a trailing zero of an amount
            lines = d.lines() == null ? null : d.lines().stream()
                    .map(l -> new OrderDocument.Line(l.productId(), l.quantity(), Money.twoDecimals(l.unitPrice()))).toList();
            total = Money.twoDecimals(d.total());
            currency = d.currency();
            reason = d.reason();
            payment = d.payment();
            placedAt = d.placedAt();
            updatedAt = d.updatedAt();
        }

        OrderDocument build() {
            return new OrderDocument(orderId, customerId, status, lines, total, currency, reason, payment, placedAt, updatedAt,
                    versions.newest(), versions.asMap());
        }
    }
}
