package io.emporium.command.order;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.emporium.api.Money;
import io.emporium.api.order.ConfirmOrderCommand;
import io.emporium.api.order.OrderCancelledEvent;
import io.emporium.api.order.OrderConfirmedEvent;
import io.emporium.api.order.OrderLine;
import io.emporium.api.order.OrderPlacedEvent;
import io.emporium.api.order.OrderRejectedEvent;
import io.emporium.api.order.OrderShippedEvent;
import io.emporium.api.order.PricedOrderLine;
import io.emporium.api.order.RejectOrderCommand;
import io.emporium.api.product.ReleaseStockCommand;
import io.emporium.api.product.ReserveStockCommand;
import io.emporium.api.product.ShipStockCommand;
import io.emporium.api.product.StockReservationRejectedEvent;
import io.emporium.api.product.StockReservedEvent;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrderFulfilmentSagaTest {

    private static final String ORDER = "order-1";
    private static final Instant EXPIRES = Instant.parse("2026-11-27T10:00:30Z");
    private static final Money JACKET = new Money(new BigDecimal("100.00"), "EUR");
    private static final Money SOCKS = new Money(new BigDecimal("4.50"), "EUR");
    private static final OrderPlacedEvent PLACED = new OrderPlacedEvent(ORDER, "customer-1",
            List.of(new OrderLine("jacket", 1), new OrderLine("socks", 3)), EXPIRES);

    private SagaTestFixture<OrderFulfilmentSaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(OrderFulfilmentSaga.class);
        fixture.registerResource(new AwaitedCommands(DefaultCommandGateway.builder().commandBus(fixture.getCommandBus()).build(),
                Duration.ofSeconds(5)));
    }

    @Test
    void reservesEveryLineOfAPlacedOrderUntilItsExpiry() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(PLACED)
                .expectActiveSagas(1)
                .expectDispatchedCommands(new ReserveStockCommand("jacket", ORDER, 1, EXPIRES),
                        new ReserveStockCommand("socks", ORDER, 3, EXPIRES))
                .expectNoScheduledDeadlines();
    }

    @Test
    void asksTheOrderToConfirmItselfWithTheReservedPricesWhenAllLinesAreReserved() {
        fixture.givenAPublished(PLACED)
                .andThenAPublished(new StockReservedEvent("jacket", ORDER, 1, JACKET, 5, 1))
                .whenPublishingA(new StockReservedEvent("socks", ORDER, 3, SOCKS, 10, 3))
                .expectDispatchedCommands(new ConfirmOrderCommand(ORDER,
                        List.of(new PricedOrderLine("jacket", 1, JACKET), new PricedOrderLine("socks", 3, SOCKS)),
                        new Money(new BigDecimal("113.50"), "EUR")))
                .expectActiveSagas(1);
    }

    @Test
    void aRefusedLineAsksTheOrderToRejectItselfButReleasesNothingYet() {
        fixture.givenAPublished(PLACED)
                .andThenAPublished(new StockReservedEvent("jacket", ORDER, 1, JACKET, 5, 1))
                .whenPublishingA(new StockReservationRejectedEvent("socks", ORDER, 3, 1, "only 1 available"))
                .expectDispatchedCommands(new RejectOrderCommand(ORDER, "product socks: only 1 available (requested 3, available 1)"))
                .expectActiveSagas(1);
    }

    @Test
    void aRejectedOrderReleasesEveryLineAndEndsTheSaga() {
        fixture.givenAPublished(PLACED)
                .andThenAPublished(new StockReservedEvent("jacket", ORDER, 1, JACKET, 5, 1))
                .whenPublishingA(new OrderRejectedEvent(ORDER, "stock reservation did not complete within 30 s"))
                .expectDispatchedCommands(new ReleaseStockCommand("jacket", ORDER, EXPIRES), new ReleaseStockCommand("socks", ORDER, EXPIRES))
                .expectActiveSagas(0);
    }

    @Test
    void aConfirmedOrderKeepsItsReservationsUntilItIsCancelled() {
        fixture.givenAPublished(PLACED)
                .andThenAPublished(new StockReservedEvent("jacket", ORDER, 1, JACKET, 5, 1))
                .andThenAPublished(new StockReservedEvent("socks", ORDER, 3, SOCKS, 10, 3))
                .andThenAPublished(new OrderConfirmedEvent(ORDER, List.of(), JACKET))
                .whenPublishingA(new OrderCancelledEvent(ORDER, "changed my mind", true))
                .expectDispatchedCommands(new ReleaseStockCommand("jacket", ORDER, EXPIRES), new ReleaseStockCommand("socks", ORDER, EXPIRES))
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

    @Test
    void anOrderForAProductThatDoesNotExistIsRejected() {
        fixture.setCallbackBehavior((command, metaData) -> {
            if (command instanceof ReserveStockCommand reserve && reserve.productId().equals("socks")) {
                throw new AggregateNotFoundException("socks", "no such product");
            }
            return null;
        });
        fixture.givenNoPriorActivity()
                .whenPublishingA(PLACED)
                .expectDispatchedCommands(new ReserveStockCommand("jacket", ORDER, 1, EXPIRES),
                        new ReserveStockCommand("socks", ORDER, 3, EXPIRES),
                        new RejectOrderCommand(ORDER, "product socks does not exist"));
    }
}
