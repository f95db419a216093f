package io.emporium.command.order;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.emporium.api.Money;
import io.emporium.api.order.CancelOrderCommand;
import io.emporium.api.order.ConfirmOrderCommand;
import io.emporium.api.order.OrderCancelledEvent;
import io.emporium.api.order.OrderConfirmedEvent;
import io.emporium.api.order.OrderLine;
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
import io.emporium.api.order.PlaceOrderCommand;
import io.emporium.api.order.PricedOrderLine;
import io.emporium.api.order.RecordPaymentAuthorizationCommand;
import io.emporium.api.order.RecordPaymentCaptureCommand;
import io.emporium.api.order.RecordPaymentDeclineCommand;
import io.emporium.api.order.RecordPaymentVoidCommand;
import io.emporium.api.order.RejectOrderCommand;
import io.emporium.api.order.ShipOrderCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An order that pays: one authorization of its total before it is confirmed; captured when shipped, else voided. */
class OrderPaymentTest {

    private static final String ORDER = "order-1";
    private static final List<OrderLine> LINES = List.of(new OrderLine("product-1", 2));
    private static final Money UNIT = new Money(new BigDecimal("10.00"), "EUR");
    private static final List<PricedOrderLine> PRICED = List.of(new PricedOrderLine("product-1", 2, UNIT));
    private static final Money TOTAL = new Money(new BigDecimal("20.00"), "EUR");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");
    private static final Instant DEADLINE = NOW.plus(TIMEOUT);

    private static final Object PLACED = new OrderPlacedEvent(ORDER, "customer-1", LINES, DEADLINE, "tok_approve");
    private static final Object REQUESTED = new OrderPaymentRequestedEvent(ORDER, PRICED, TOTAL, "tok_approve", DEADLINE);
    private static final Object AUTHORIZED = new OrderPaymentAuthorizedEvent(ORDER, "auth_1", TOTAL);
    private static final Object CONFIRMED = new OrderConfirmedEvent(ORDER, PRICED, TOTAL);

    private FixtureConfiguration<Order> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Order.class);
        fixture.registerInjectableResource(new ReservationWindow(TIMEOUT));
        fixture.registerInjectableResource(new RemovedDeadlines());
    }

    @Test
    void placedWithATokenTheOrderKeepsIt() {
        fixture.givenCurrentTime(NOW)
                .when(new PlaceOrderCommand(ORDER, "customer-1", LINES, "tok_approve"))
                .expectEventsMatching(RemovedDeadlines.placed((OrderPlacedEvent) PLACED));
    }

    @Test
    void onceReservedItAsksForTheAuthorizationInsteadOfConfirming() {
        fixture.given(PLACED)
                .when(new ConfirmOrderCommand(ORDER, PRICED, TOTAL))
                .expectEvents(REQUESTED);
    }

    @Test
    void reservedAgainItAsksOnlyOnce() {
        fixture.given(PLACED, REQUESTED)
                .when(new ConfirmOrderCommand(ORDER, PRICED, TOTAL))
                .expectNoEvents();
    }

    @Test
    void theAuthorizationConfirmsIt() {
        fixture.given(PLACED, REQUESTED)
                .when(new RecordPaymentAuthorizationCommand(ORDER, "auth_1", TOTAL))
                .expectEvents(AUTHORIZED, CONFIRMED);
    }

    @Test
    void theSameAuthorizationRecordedAgainChangesNothing() {
        fixture.given(PLACED, REQUESTED, AUTHORIZED, CONFIRMED)
                .when(new RecordPaymentAuthorizationCommand(ORDER, "auth_1", TOTAL))
                .expectNoEvents();
    }

    @Test
    void anAuthorizationOfAnotherAmountRejectsItAndIsReleased() {
        Money other = new Money(new BigDecimal("19.99"), "EUR");
        fixture.given(PLACED, REQUESTED)
                .when(new RecordPaymentAuthorizationCommand(ORDER, "auth_1", other))
                .expectEvents(new OrderPaymentAuthorizedEvent(ORDER, "auth_1", other),
                        new OrderRejectedEvent(ORDER, "the provider authorized 19.99 instead of 20.00"),
                        new OrderPaymentVoidRequestedEvent(ORDER, "auth_1"));
    }

    @Test
    void aDeclineRejectsItWithTheReason() {
        fixture.given(PLACED, REQUESTED)
                .when(new RecordPaymentDeclineCommand(ORDER, "insufficient_funds", "The card was declined: insufficient funds."))
                .expectEvents(new OrderPaymentDeclinedEvent(ORDER, "insufficient_funds", "The card was declined: insufficient funds."),
                        new OrderRejectedEvent(ORDER, "payment declined: The card was declined: insufficient funds."));
    }

    @Test
    void theDeadlineRejectsAnOrderStillWaitingForItsPayment() {
        fixture.givenCurrentTime(NOW)
                .andGivenCommands(new PlaceOrderCommand(ORDER, "customer-1", LINES, "tok_slow"), new ConfirmOrderCommand(ORDER, PRICED, TOTAL))
                .whenTimeElapses(TIMEOUT)
                .expectEvents(new OrderRejectedEvent(ORDER, "the payment was not authorized in time"));
    }

    @Test
    void anAuthorizationThatComesAfterTheRejectionIsReleased() {
        fixture.given(PLACED, REQUESTED, new OrderRejectedEvent(ORDER, "the payment was not authorized in time"))
                .when(new RecordPaymentAuthorizationCommand(ORDER, "auth_1", TOTAL))
                .expectEvents(AUTHORIZED, new OrderPaymentVoidRequestedEvent(ORDER, "auth_1"));
    }

    @Test
    void cancellingAConfirmedOrderReleasesItsAuthorization() {
        fixture.given(PLACED, REQUESTED, AUTHORIZED, CONFIRMED)
                .when(new CancelOrderCommand(ORDER, "changed my mind", null, "customer-1"))
                .expectEvents(new OrderCancelledEvent(ORDER, "changed my mind", true), new OrderPaymentVoidRequestedEvent(ORDER, "auth_1"));
    }

    @Test
    void aRejectionOfAnAuthorizedOrderReleasesIt() {
        fixture.given(PLACED, REQUESTED, AUTHORIZED)
                .when(new RejectOrderCommand(ORDER, "product gone"))
                .expectEvents(new OrderRejectedEvent(ORDER, "product gone"), new OrderPaymentVoidRequestedEvent(ORDER, "auth_1"));
    }

    @Test
    void shippingCapturesExactlyTheAuthorizedTotalOnce() {
        fixture.given(PLACED, REQUESTED, AUTHORIZED, CONFIRMED)
                .when(new ShipOrderCommand(ORDER, null))
                .expectEvents(new OrderShippedEvent(ORDER, LINES), new OrderPaymentCaptureRequestedEvent(ORDER, "auth_1", TOTAL));
        fixture.given(PLACED, REQUESTED, AUTHORIZED, CONFIRMED, new OrderShippedEvent(ORDER, LINES),
                        new OrderPaymentCaptureRequestedEvent(ORDER, "auth_1", TOTAL))
                .when(new ShipOrderCommand(ORDER, null))
                .expectNoEvents();
    }

    @Test
    void captureAndVoidAreRecordedOnce() {
        Object[] shipped = {PLACED, REQUESTED, AUTHORIZED, CONFIRMED, new OrderShippedEvent(ORDER, LINES),
                new OrderPaymentCaptureRequestedEvent(ORDER, "auth_1", TOTAL)};
        fixture.given(shipped)
                .when(new RecordPaymentCaptureCommand(ORDER, "auth_1", TOTAL))
                .expectEvents(new OrderPaymentCapturedEvent(ORDER, "auth_1", TOTAL));
        fixture.given(append(shipped, new OrderPaymentCapturedEvent(ORDER, "auth_1", TOTAL)))
                .when(new RecordPaymentCaptureCommand(ORDER, "auth_1", TOTAL))
                .expectNoEvents();
        Object[] cancelled = {PLACED, REQUESTED, AUTHORIZED, new OrderCancelledEvent(ORDER, "no", false),
                new OrderPaymentVoidRequestedEvent(ORDER, "auth_1")};
        fixture.given(cancelled)
                .when(new RecordPaymentVoidCommand(ORDER, "auth_1"))
                .expectEvents(new OrderPaymentVoidedEvent(ORDER, "auth_1"));
        fixture.given(append(cancelled, new OrderPaymentVoidedEvent(ORDER, "auth_1")))
                .when(new RecordPaymentVoidCommand(ORDER, "auth_1"))
                .expectNoEvents();
    }

    private static Object[] append(Object[] events, Object event) {
        Object[] all = java.util.Arrays.copyOf(events, events.length + 1);
        all[events.length] = event;
        return all;
    }
}
