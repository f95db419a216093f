package io.emporium.command.order;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import io.emporium.api.Money;
import io.emporium.api.order.ConfirmOrderCommand;
import io.emporium.api.order.OrderCancelledEvent;
import io.emporium.api.order.OrderConfirmedEvent;
import io.emporium.api.order.OrderLine;
import io.emporium.api.order.OrderPlacedEvent;
import io.emporium.api.order.OrderShippedEvent;
import io.emporium.api.order.PricedOrderLine;
import io.emporium.api.order.RejectOrderCommand;
import io.emporium.api.product.ReleaseStockCommand;
import io.emporium.api.product.ReserveStockCommand;
import io.emporium.api.product.ShipStockCommand;
import io.emporium.api.product.StockReservationRejectedEvent;
import io.emporium.api.product.StockReservedEvent;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrderFulfilmentSagaTest {

    private static final String ORDER = "order-1";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Money JACKET = new Money(new BigDecimal("100.00"), "EUR");
    private static final Money SOCKS = new Money(new BigDecimal("4.50"), "EUR");
    private static final OrderPlacedEvent PLACED = new OrderPlacedEvent(ORDER, "customer-1",
            List.of(new OrderLine("jacket", 1), new OrderLine("socks", 3)));

    private SagaTestFixture<OrderFulfilmentSaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(OrderFulfilmentSaga.class);
        fixture.registerResource(TIMEOUT);
    }

    @Test
    void reservesEveryLineOfAPlacedOrder() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(PLACED)
                .expectActiveSagas(1)
                .expectDispatchedCommands(new ReserveStockCommand("jacket", ORDER, 1), new ReserveStockCommand("socks", ORDER, 3))
                .expectScheduledDeadlineWithName(TIMEOUT, OrderFulfilmentSaga.RESERVATION_DEADLINE);
    }

    @Test
    void confirmsWithTheReservedPricesWhenAllLinesAreReserved() {
        fixture.givenAPublished(PLACED)
                .andThenAPublished(new StockReservedEvent("jacket", ORDER, 1, JACKET, 5, 1))
                .whenPublishingA(new StockReservedEvent("socks", ORDER, 3, SOCKS, 10, 3))
                .expectDispatchedCommands(new ConfirmOrderCommand(ORDER,
                        List.of(new PricedOrderLine("jacket", 1, JACKET), new PricedOrderLine("socks", 3, SOCKS)),
                        new Money(new BigDecimal("113.50"), "EUR")))
                .expectNoScheduledDeadlines()
                .expectActiveSagas(1);
    }

    @Test
    void oneRefusedLineReleasesEverythingAndRejectsTheOrder() {
        fixture.givenAPublished(PLACED)
                .andThenAPublished(new StockReservedEvent("jacket", ORDER, 1, JACKET, 5, 1))
                .whenPublishingA(new StockReservationRejectedEvent("socks", ORDER, 3, 1, "only 1 available"))
                .expectDispatchedCommands(new ReleaseStockCommand("jacket", ORDER), new ReleaseStockCommand("socks", ORDER),
                        new RejectOrderCommand(ORDER, "product socks: only 1 available (requested 3, available 1)"))
                .expectNoScheduledDeadlines()
                .expectActiveSagas(0);
    }

    @Test
    void whenTheDeadlinePassesItReleasesAndRejects() {
        fixture.givenAPublished(PLACED)
                .andThenAPublished(new StockReservedEvent("jacket", ORDER, 1, JACKET, 5, 1))
                .whenTimeElapses(TIMEOUT.plusSeconds(1))
                .expectTriggeredDeadlinesWithName(OrderFulfilmentSaga.RESERVATION_DEADLINE)
                .expectDispatchedCommands(new ReleaseStockCommand("jacket", ORDER), new ReleaseStockCommand("socks", ORDER),
                        new RejectOrderCommand(ORDER, "stock reservation did not complete within 30 s"))
                .expectActiveSagas(0);
    }

    @Test
    void cancellingAfterConfirmationReleasesTheReservations() {
        fixture.givenAPublished(PLACED)
                .andThenAPublished(new StockReservedEvent("jacket", ORDER, 1, JACKET, 5, 1))
                .andThenAPublished(new StockReservedEvent("socks", ORDER, 3, SOCKS, 10, 3))
                .andThenAPublished(new OrderConfirmedEvent(ORDER, List.of(), JACKET))
                .whenPublishingA(new OrderCancelledEvent(ORDER, "changed my mind", true))
                .expectDispatchedCommands(new ReleaseStockCommand("jacket", ORDER), new ReleaseStockCommand("socks", ORDER))
                .expectActiveSagas(0);
    }

    @Test
    void shippingShipsEveryReservedLine() {
        fixture.givenAPublished(PLACED)
                .andThenAPublished(new StockReservedEvent("jacket", ORDER, 1, JACKET, 5, 1))
                .andThenAPublished(new StockReservedEvent("socks", ORDER, 3, SOCKS, 10, 3))
                .whenPublishingA(new OrderShippedEvent(ORDER, PLACED.lines()))
                .expectDispatchedCommands(new ShipStockCommand("jacket", ORDER), new ShipStockCommand("socks", ORDER))
                .expectActiveSagas(0);
    }
}
