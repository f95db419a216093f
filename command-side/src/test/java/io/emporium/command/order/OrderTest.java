package io.emporium.command.order;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import io.emporium.api.Money;
import io.emporium.api.order.CancelOrderCommand;
import io.emporium.api.order.ConfirmOrderCommand;
import io.emporium.api.order.OrderCancelledEvent;
import io.emporium.api.order.OrderConfirmedEvent;
import io.emporium.api.order.OrderLine;
import io.emporium.api.order.OrderPlacedEvent;
import io.emporium.api.order.OrderRejectedEvent;
import io.emporium.api.order.OrderShippedEvent;
import io.emporium.api.order.PlaceOrderCommand;
import io.emporium.api.order.PricedOrderLine;
import io.emporium.api.order.RejectOrderCommand;
import io.emporium.api.order.ShipOrderCommand;
import io.emporium.command.CommandRefusedException;
import io.emporium.command.InvalidCommandException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OrderTest {

    private static final String ORDER = "order-1";
    private static final List<OrderLine> LINES = List.of(new OrderLine("product-1", 2), new OrderLine("product-2", 1));
    private static final Money UNIT = new Money(new BigDecimal("10.00"), "EUR");
    private static final List<PricedOrderLine> PRICED = List.of(new PricedOrderLine("product-1", 2, UNIT), new PricedOrderLine("product-2", 1, UNIT));
    private static final Money TOTAL = new Money(new BigDecimal("30.00"), "EUR");

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private static final Object PLACED = new OrderPlacedEvent(ORDER, "customer-1", LINES, NOW.plus(TIMEOUT));
    private static final Object CONFIRMED = new OrderConfirmedEvent(ORDER, PRICED, TOTAL);

    private FixtureConfiguration<Order> fixture;
    private final RemovedDeadlines removedDeadlines = new RemovedDeadlines();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Order.class);
        fixture.registerInjectableResource(new ReservationWindow(TIMEOUT));
        fixture.registerInjectableResource(removedDeadlines);
    }

    @Test
    void placesAPendingOrderWithItsReservationDeadline() {
        fixture.givenCurrentTime(NOW)
                .when(new PlaceOrderCommand(ORDER, "customer-1", LINES))
                .expectEventsMatching(RemovedDeadlines.placed((OrderPlacedEvent) PLACED))
                .expectScheduledDeadline(NOW.plus(TIMEOUT), "stock reservation did not complete within 30 s");
    }

    @Test
    void aConfirmationRemovesTheDeadline() {
        fixture.givenCurrentTime(NOW)
                .andGivenCommands(new PlaceOrderCommand(ORDER, "customer-1", LINES))
                .when(new ConfirmOrderCommand(ORDER, PRICED, TOTAL))
                .expectEvents(CONFIRMED);
        assertThat(removedDeadlines.ids).hasSize(1).doesNotContainNull();
    }

    @Test
    void aRejectionRemovesTheDeadline() {
        fixture.givenCurrentTime(NOW)
                .andGivenCommands(new PlaceOrderCommand(ORDER, "customer-1", LINES))
                .when(new RejectOrderCommand(ORDER, "product-2 is sold out"))
                .expectEvents(new OrderRejectedEvent(ORDER, "product-2 is sold out"));
        assertThat(removedDeadlines.ids).hasSize(1);
    }

    @Test
    void aCancellationRemovesTheDeadline() {
        fixture.givenCurrentTime(NOW)
                .andGivenCommands(new PlaceOrderCommand(ORDER, "customer-1", LINES))
                .when(new CancelOrderCommand(ORDER, "changed my mind", null))
                .expectEvents(new OrderCancelledEvent(ORDER, "changed my mind", false));
        assertThat(removedDeadlines.ids).hasSize(1);
    }

    @Test
    void anOrderLeftPendingKeepsItsDeadline() {
        // it pays: the confirmation asks for the authorization, and the deadline still guards it
        fixture.givenCurrentTime(NOW)
                .andGivenCommands(new PlaceOrderCommand(ORDER, "customer-1", LINES, "tok_visa"))
                .when(new ConfirmOrderCommand(ORDER, PRICED, TOTAL))
                .expectSuccessfulHandlerExecution();
        assertThat(removedDeadlines.ids).isEmpty();
    }

    @Test
    void aCommandFindingTheOrderDecidedRemovesNothingMore() {
        fixture.givenCurrentTime(NOW)
                .andGivenCommands(new PlaceOrderCommand(ORDER, "customer-1", LINES), new ConfirmOrderCommand(ORDER, PRICED, TOTAL))
                .when(new RejectOrderCommand(ORDER, "too late"))
                .expectNoEvents();
        assertThat(removedDeadlines.ids).as("only the confirmation's removal").hasSize(1);
    }

    @Test
    void anOrderStillPendingAtItsDeadlineIsRejected() {
        fixture.givenCurrentTime(NOW)
                .andGivenCommands(new PlaceOrderCommand(ORDER, "customer-1", LINES))
                .whenTimeElapses(TIMEOUT)
                .expectTriggeredDeadlinesWithName(Order.RESERVATION_DEADLINE)
                .expectEvents(new OrderRejectedEvent(ORDER, "stock reservation did not complete within 30 s"));
    }

    @Test
    void theDeadlineOfAConfirmedOrderChangesNothing() {
        fixture.givenCurrentTime(NOW)
                .andGivenCommands(new PlaceOrderCommand(ORDER, "customer-1", LINES), new ConfirmOrderCommand(ORDER, PRICED, TOTAL))
                .whenTimeElapses(TIMEOUT)
                .expectTriggeredDeadlinesWithName(Order.RESERVATION_DEADLINE)
                .expectNoEvents();
    }

    @Test
    void aRejectedOrderIsNotConfirmedAfterwards() {
        fixture.given(PLACED, new OrderRejectedEvent(ORDER, "stock reservation did not complete within 30 s"))
                .when(new ConfirmOrderCommand(ORDER, PRICED, TOTAL))
                .expectNoEvents();
    }

    @Test
    void refusesAnOrderWithoutLines() {
        fixture.givenNoPriorActivity()
                .when(new PlaceOrderCommand(ORDER, "customer-1", List.of()))
                .expectException(InvalidCommandException.class);
    }

    @Test
    void refusesMoreThanFiftyLines() {
        List<OrderLine> lines = IntStream.rangeClosed(1, 51).mapToObj(i -> new OrderLine("product-" + i, 1)).toList();
        fixture.givenNoPriorActivity()
                .when(new PlaceOrderCommand(ORDER, "customer-1", lines))
                .expectException(InvalidCommandException.class);
    }

    @Test
    void refusesTheSameProductOnTwoLines() {
        fixture.givenNoPriorActivity()
                .when(new PlaceOrderCommand(ORDER, "customer-1", List.of(new OrderLine("p", 1), new OrderLine("p", 2))))
                .expectException(InvalidCommandException.class);
    }

    @Test
    void refusesALineQuantityOutsideOneToAThousand() {
        fixture.givenNoPriorActivity()
                .when(new PlaceOrderCommand(ORDER, "customer-1", List.of(new OrderLine("p", 1001))))
                .expectException(InvalidCommandException.class);
        fixture.givenNoPriorActivity()
                .when(new PlaceOrderCommand(ORDER, "customer-1", Collections.singletonList(new OrderLine("p", 0))))
                .expectException(InvalidCommandException.class);
    }

    @Test
    void confirmsAPendingOrderWithItsTotal() {
        fixture.given(PLACED)
                .when(new ConfirmOrderCommand(ORDER, PRICED, TOTAL))
                .expectEvents(CONFIRMED)
                .expectResultMessagePayload(1L);
    }

    @Test
    void aLateConfirmationOfACancelledOrderChangesNothing() {
        fixture.given(PLACED, new OrderCancelledEvent(ORDER, "changed my mind", false))
                .when(new ConfirmOrderCommand(ORDER, PRICED, TOTAL))
                .expectNoEvents();
    }

    @Test
    void rejectsAPendingOrderWithItsReason() {
        fixture.given(PLACED)
                .when(new RejectOrderCommand(ORDER, "only 1 available"))
                .expectEvents(new OrderRejectedEvent(ORDER, "only 1 available"));
    }

    @Test
    void aConfirmedOrderIsNotRejectedAfterwards() {
        fixture.given(PLACED, CONFIRMED)
                .when(new RejectOrderCommand(ORDER, "timeout"))
                .expectNoEvents();
    }

    @Test
    void cancelsAPendingOrConfirmedOrder() {
        fixture.given(PLACED)
                .when(new CancelOrderCommand(ORDER, "changed my mind", null))
                .expectEvents(new OrderCancelledEvent(ORDER, "changed my mind", false));
        fixture.given(PLACED, CONFIRMED)
                .when(new CancelOrderCommand(ORDER, "changed my mind", null))
                .expectEvents(new OrderCancelledEvent(ORDER, "changed my mind", true));
    }

    @Test
    void cancellingTwiceCancelsOnce() {
        fixture.given(PLACED, new OrderCancelledEvent(ORDER, "x", false))
                .when(new CancelOrderCommand(ORDER, "again", null))
                .expectNoEvents();
    }

    @Test
    void aShippedOrRejectedOrderCannotBeCancelled() {
        fixture.given(PLACED, CONFIRMED, new OrderShippedEvent(ORDER, LINES))
                .when(new CancelOrderCommand(ORDER, "too late", null))
                .expectException(CommandRefusedException.class);
        fixture.given(PLACED, new OrderRejectedEvent(ORDER, "no stock"))
                .when(new CancelOrderCommand(ORDER, "too late", null))
                .expectException(CommandRefusedException.class);
    }

    @Test
    void shipsAConfirmedOrder() {
        fixture.given(PLACED, CONFIRMED)
                .when(new ShipOrderCommand(ORDER, null))
                .expectEvents(new OrderShippedEvent(ORDER, LINES));
    }

    @Test
    void onlyAConfirmedOrderShips() {
        fixture.given(PLACED)
                .when(new ShipOrderCommand(ORDER, null))
                .expectException(CommandRefusedException.class);
    }
}
