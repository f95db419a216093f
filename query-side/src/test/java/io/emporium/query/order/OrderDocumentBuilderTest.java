package io.emporium.query.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.emporium.api.Money;
import io.emporium.api.order.OrderCancelledEvent;
import io.emporium.api.order.OrderConfirmedEvent;
import io.emporium.api.order.OrderLine;
import io.emporium.api.order.OrderPaymentAuthorizedEvent;
import io.emporium.api.order.OrderPaymentCapturedEvent;
import io.emporium.api.order.OrderPaymentRequestedEvent;
import io.emporium.api.order.OrderPlacedEvent;
import io.emporium.api.order.OrderRejectedEvent;
import io.emporium.api.order.PricedOrderLine;
import org.junit.jupiter.api.Test;

class OrderDocumentsTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final OrderPlacedEvent PLACED = new OrderPlacedEvent("o-1", "c-1", List.of(new OrderLine("p-1", 2)));
    private static final Money UNIT = new Money(new BigDecimal("12.50"), "EUR");
    private static final OrderConfirmedEvent CONFIRMED = new OrderConfirmedEvent("o-1",
            List.of(new PricedOrderLine("p-1", 2, UNIT)), new Money(new BigDecimal("25.00"), "EUR"));

    @Test
    void aPlacedOrderIsPendingWithItsLinesUnpriced() {
        OrderDocument document = OrderDocumentBuilder.apply(null, PLACED, 0, T0);

        assertThat(document.status()).isEqualTo("PENDING");
        assertThat(document.customerId()).isEqualTo("c-1");
        assertThat(document.lines()).containsExactly(new OrderDocument.Line("p-1", 2, null));
        assertThat(document.placedAt()).isEqualTo(T0);
    }

    @Test
    void aConfirmedOrderShowsUnitPricesAndTotal() {
        OrderDocument document = OrderDocumentBuilder.apply(OrderDocumentBuilder.apply(null, PLACED, 0, T0), CONFIRMED, 1, T0.plusSeconds(1));

        assertThat(document.status()).isEqualTo("CONFIRMED");
        assertThat(document.lines().get(0).unitPrice()).isEqualByComparingTo("12.50");
        assertThat(document.total()).isEqualByComparingTo("25.00");
        assertThat(document.currency()).isEqualTo("EUR");
        assertThat(document.version()).isEqualTo(1);
    }

    @Test
    void thePaymentIsFollowedAndALateEventDoesNotUndoANewerOne() {
        Money total = new Money(new BigDecimal("25.00"), "EUR");
        OrderDocument document = OrderDocumentBuilder.apply(null, PLACED, 0, T0);
        document = OrderDocumentBuilder.apply(document, new OrderPaymentRequestedEvent("o-1",
                List.of(new PricedOrderLine("p-1", 2, UNIT)), total, "tok_approve", T0.plusSeconds(30)), 1, T0);
        assertThat(document.payment()).isEqualTo("REQUESTED");
        assertThat(document.total()).as("priced once reserved").isEqualByComparingTo("25.00");
        document = OrderDocumentBuilder.apply(document, new OrderPaymentCapturedEvent("o-1", "auth_1", total), 5, T0);
        document = OrderDocumentBuilder.apply(document, new OrderPaymentAuthorizedEvent("o-1", "auth_1", total), 2, T0);
        assertThat(document.payment()).isEqualTo("CAPTURED");
    }

    @Test
    void aRejectedOrderShowsItsReason() {
        OrderDocument document = OrderDocumentBuilder.apply(OrderDocumentBuilder.apply(null, PLACED, 0, T0),
                new OrderRejectedEvent("o-1", "only 1 available"), 1, T0);

        assertThat(document.status()).isEqualTo("REJECTED");
        assertThat(document.reason()).isEqualTo("only 1 available");
    }

    @Test
    void theConfirmationArrivingBeforeThePlacementStillEndsConfirmedWithPrices() {
        OrderDocument document = OrderDocumentBuilder.apply(null, CONFIRMED, 1, T0.plusSeconds(1));
        document = OrderDocumentBuilder.apply(document, PLACED, 0, T0);
        document = OrderDocumentBuilder.apply(document, new OrderCancelledEvent("o-1", "changed my mind", true), 2, T0.plusSeconds(2));
        document = OrderDocumentBuilder.apply(document, PLACED, 0, T0);

        assertThat(document.status()).isEqualTo("CANCELLED");
        assertThat(document.lines().get(0).unitPrice()).isEqualByComparingTo("12.50");
        assertThat(document.customerId()).isEqualTo("c-1");
        assertThat(document.placedAt()).isEqualTo(T0);
        assertThat(document.version()).isEqualTo(2);
    }
}
