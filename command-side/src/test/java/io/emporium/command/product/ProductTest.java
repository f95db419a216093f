package io.emporium.command.product;

import static io.emporium.command.product.ProductEvents.PRICE;
import static io.emporium.command.product.ProductEvents.PRODUCT;
import static io.emporium.command.product.ProductEvents.aProduct;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.emporium.api.Money;
import io.emporium.api.product.AddStockCommand;
import io.emporium.api.catalogue.AttributeType;
import io.emporium.api.product.AttributeValue;
import io.emporium.api.product.CatalogueDetails;
import io.emporium.api.product.ChangeProductPriceCommand;
import io.emporium.api.product.CreateProductCommand;
import io.emporium.api.product.DiscontinueProductCommand;
import io.emporium.api.product.ProductCreatedEvent;
import io.emporium.api.product.ProductDetailsUpdatedEvent;
import io.emporium.api.product.ProductDiscontinuedEvent;
import io.emporium.api.product.ProductPriceChangedEvent;
import io.emporium.api.product.StockAddedEvent;
import io.emporium.api.product.ReleaseStockCommand;
import io.emporium.api.product.ReserveStockCommand;
import io.emporium.api.product.ShipStockCommand;
import io.emporium.api.product.StockReleasedEvent;
import io.emporium.api.product.StockReservationRejectedEvent;
import io.emporium.api.product.StockReservedEvent;
import io.emporium.api.product.StockShippedEvent;
import io.emporium.api.product.UpdateProductDetailsCommand;
import io.emporium.command.CommandRefusedException;
import io.emporium.command.InvalidCommandException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProductTest {

    private FixtureConfiguration<Product> fixture;
    private final Set<String> takenSkus = new HashSet<>();
    private final DeclaredAttributes attributes = new DeclaredAttributes();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Product.class);
        fixture.registerInjectableResource((SkuRegistry) (sku, productId) -> takenSkus.add(sku));
        fixture.registerInjectableResource(attributes);
    }

    @Test
    void createsAProductWithItsInitialStock() {
        fixture.givenNoPriorActivity()
                .when(new CreateProductCommand(PRODUCT, "SKU-1", "Trail Jacket", "Waterproof", "outdoor", PRICE, 10, CatalogueDetails.NONE))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ProductCreatedEvent(PRODUCT, "SKU-1", "Trail Jacket", "Waterproof", "outdoor", PRICE, 10, CatalogueDetails.NONE));
    }

    @Test
    void refusesASkuThatAnotherProductHolds() {
        takenSkus.add("SKU-1");
        fixture.givenNoPriorActivity()
                .when(new CreateProductCommand(PRODUCT, "SKU-1", "Trail Jacket", "Waterproof", "outdoor", PRICE, 10, CatalogueDetails.NONE))
                .expectException(SkuAlreadyTakenException.class)
                .expectNoEvents();
    }

    @Test
    void refusesAPriceWithMoreThanTwoDecimals() {
        fixture.givenNoPriorActivity()
                .when(new CreateProductCommand(PRODUCT, "SKU-1", "Jacket", "", "outdoor", new Money(new BigDecimal("1.999"), "EUR"), 1, CatalogueDetails.NONE))
                .expectException(InvalidCommandException.class);
    }

    @Test
    void refusesANegativeInitialStock() {
        fixture.givenNoPriorActivity()
                .when(new CreateProductCommand(PRODUCT, "SKU-1", "Jacket", "", "outdoor", PRICE, -1, CatalogueDetails.NONE))
                .expectException(InvalidCommandException.class);
    }

    @Test
    void attributeValuesMustBeOfDeclaredAttributesOfTheirType() {
        attributes.declare("colour", AttributeType.TEXT);
        attributes.declare("capacity", AttributeType.NUMBER);
        CatalogueDetails red = new CatalogueDetails("Acme", "jacket", List.of(AttributeValue.text("colour", "red")), List.of());
        fixture.givenNoPriorActivity()
                .when(new CreateProductCommand(PRODUCT, "SKU-1", "Jacket", "", "outdoor", PRICE, 1, red))
                .expectEvents(new ProductCreatedEvent(PRODUCT, "SKU-1", "Jacket", "", "outdoor", PRICE, 1, red));
        fixture.givenNoPriorActivity()
                .when(new CreateProductCommand(PRODUCT, "SKU-2", "Jacket", "", "outdoor", PRICE, 1,
                        new CatalogueDetails(null, null, List.of(AttributeValue.text("size", "M")), List.of())))
                .expectException(InvalidCommandException.class).expectExceptionMessage("attribute 'size' is not declared (declare it first)");
        fixture.given(aProduct().events())
                .when(new UpdateProductDetailsCommand(PRODUCT, "Jacket", "", "outdoor",
                        new CatalogueDetails(null, null, List.of(AttributeValue.text("capacity", "big")), List.of()), null))
                .expectException(InvalidCommandException.class).expectExceptionMessage("attribute 'capacity' takes a number")
                .expectNoEvents();
    }

    @Test
    void updatesDetailsAndAnswersTheNewVersion() {
        fixture.given(aProduct().events())
                .when(new UpdateProductDetailsCommand(PRODUCT, "Trail Jacket 2", "Lighter", "outdoor", CatalogueDetails.NONE, null))
                .expectEvents(new ProductDetailsUpdatedEvent(PRODUCT, "Trail Jacket 2", "Lighter", "outdoor", CatalogueDetails.NONE))
                .expectResultMessagePayload(1L);
    }

    @Test
    void changesThePrice() {
        Money newPrice = new Money(new BigDecimal("24.50"), "EUR");
        fixture.given(aProduct().events())
                .when(new ChangeProductPriceCommand(PRODUCT, newPrice, null))
                .expectEvents(new ProductPriceChangedEvent(PRODUCT, newPrice));
    }

    @Test
    void anUnchangedPriceRecordsNothing() {
        fixture.given(aProduct().events())
                .when(new ChangeProductPriceCommand(PRODUCT, PRICE, null))
                .expectNoEvents()
                .expectResultMessagePayload(0L);
    }

    @Test
    void refusesAZeroPrice() {
        fixture.given(aProduct().events())
                .when(new ChangeProductPriceCommand(PRODUCT, new Money(BigDecimal.ZERO, "EUR"), null))
                .expectException(InvalidCommandException.class);
    }

    @Test
    void addsReceivedStock() {
        fixture.given(aProduct().withStock(3).events())
                .when(new AddStockCommand(PRODUCT, 5, null))
                .expectEvents(new StockAddedEvent(PRODUCT, 5, 8, 0));
    }

    @Test
    void refusesToAddNoStock() {
        fixture.given(aProduct().events())
                .when(new AddStockCommand(PRODUCT, 0, null))
                .expectException(InvalidCommandException.class);
    }

    @Test
    void refusesStockBeyondTheUpperBound() {
        fixture.given(aProduct().events())
                .when(new AddStockCommand(PRODUCT, Product.MAX_QUANTITY + 1, null))
                .expectException(InvalidCommandException.class);
    }

    @Test
    void discontinuesOnceOnly() {
        fixture.given(aProduct().discontinued().events())
                .when(new DiscontinueProductCommand(PRODUCT, null))
                .expectNoEvents();
        fixture.given(aProduct().events())
                .when(new DiscontinueProductCommand(PRODUCT, null))
                .expectEvents(new ProductDiscontinuedEvent(PRODUCT));
    }

    @Test
    void aDiscontinuedProductRefusesPriceChangesAndStock() {
        fixture.given(aProduct().discontinued().events())
                .when(new ChangeProductPriceCommand(PRODUCT, new Money(new BigDecimal("5.00"), "EUR"), null))
                .expectException(CommandRefusedException.class);
        fixture.given(aProduct().discontinued().events())
                .when(new AddStockCommand(PRODUCT, 1, null))
                .expectException(CommandRefusedException.class);
    }

    @Test
    void reservesAvailableStockAtTheCurrentPrice() {
        fixture.given(aProduct().withStock(3).events())
                .when(new ReserveStockCommand(PRODUCT, "order-1", 2))
                .expectEvents(new StockReservedEvent(PRODUCT, "order-1", 2, PRICE, 3, 2));
    }

    @Test
    void rejectsReservationWhenAvailableStockIsTooLow() {
        fixture.given(aProduct().withStock(3).reservedFor("order-1", 2).events())
                .when(new ReserveStockCommand(PRODUCT, "order-2", 2))
                .expectEvents(new StockReservationRejectedEvent(PRODUCT, "order-2", 2, 1, "only 1 available"));
    }

    @Test
    void aRepeatedReservationForTheSameOrderReservesNothingTwice() {
        fixture.given(aProduct().withStock(3).reservedFor("order-1", 2).events())
                .when(new ReserveStockCommand(PRODUCT, "order-1", 2))
                .expectNoEvents();
    }

    @Test
    void aDiscontinuedProductRejectsNewReservations() {
        fixture.given(aProduct().discontinued().events())
                .when(new ReserveStockCommand(PRODUCT, "order-1", 1))
                .expectEvents(new StockReservationRejectedEvent(PRODUCT, "order-1", 1, 10, "product is discontinued"));
    }

    @Test
    void releasesOnlyWhatTheOrderReserved() {
        fixture.given(aProduct().withStock(5).reservedFor("order-1", 2).reservedFor("order-2", 1).events())
                .when(new ReleaseStockCommand(PRODUCT, "order-1"))
                .expectEvents(new StockReleasedEvent(PRODUCT, "order-1", 2, 5, 1));
    }

    @Test
    void releasingAnOrderThatReservedNothingSettlesItSoALateReservationReservesNothing() {
        fixture.given(aProduct().withStock(5).events())
                .andGivenCommands(new ReleaseStockCommand(PRODUCT, "order-1"))
                .when(new ReserveStockCommand(PRODUCT, "order-1", 2))
                .expectNoEvents();
    }

    @Test
    void refusesAReservationThatArrivesAfterItsOrdersExpiry() {
        Instant now = Instant.parse("2026-11-27T10:00:00Z");
        fixture.given(aProduct().withStock(5).events())
                .andGivenCurrentTime(now)
                .when(new ReserveStockCommand(PRODUCT, "order-1", 2, now.minusMillis(1)))
                .expectEvents(new StockReservationRejectedEvent(PRODUCT, "order-1", 2, 5, "the order's reservation window has passed"));
    }

    @Test
    void releasingAnOrderThatCanNoLongerReserveRecordsNothing() {
        Instant now = Instant.parse("2026-11-27T10:00:00Z");
        fixture.given(aProduct().withStock(5).events())
                .andGivenCurrentTime(now)
                .when(new ReleaseStockCommand(PRODUCT, "order-1", now.minus(Product.CLOCK_SKEW_ALLOWANCE).minusSeconds(1)))
                .expectNoEvents();
    }

    @Test
    void releasingTwiceReleasesOnce() {
        fixture.given(aProduct().withStock(5).reservedFor("order-1", 2).events())
                .andGivenCommands(new ReleaseStockCommand(PRODUCT, "order-1"))
                .when(new ReleaseStockCommand(PRODUCT, "order-1"))
                .expectNoEvents();
    }

    @Test
    void shippingTakesTheReservationOffStock() {
        fixture.given(aProduct().withStock(5).reservedFor("order-1", 2).events())
                .when(new ShipStockCommand(PRODUCT, "order-1"))
                .expectEvents(new StockShippedEvent(PRODUCT, "order-1", 2, 3, 0));
    }

    @Test
    void aDiscontinuedProductStillShipsAndReleasesExistingReservations() {
        fixture.given(aProduct().withStock(5).reservedFor("order-1", 2).discontinued().events())
                .when(new ShipStockCommand(PRODUCT, "order-1"))
                .expectEvents(new StockShippedEvent(PRODUCT, "order-1", 2, 3, 0));
        fixture.given(aProduct().withStock(5).reservedFor("order-1", 2).discontinued().events())
                .when(new ReleaseStockCommand(PRODUCT, "order-1"))
                .expectEvents(new StockReleasedEvent(PRODUCT, "order-1", 2, 5, 0));
    }

    @Test
    void shippingAnOrderWithoutReservationIsRefused() {
        fixture.given(aProduct().events())
                .when(new ShipStockCommand(PRODUCT, "order-9"))
                .expectException(CommandRefusedException.class);
    }

    @Test
    void shippingTwiceShipsOnce() {
        fixture.given(aProduct().withStock(5).reservedFor("order-1", 2).events())
                .andGivenCommands(new ShipStockCommand(PRODUCT, "order-1"))
                .when(new ShipStockCommand(PRODUCT, "order-1"))
                .expectNoEvents();
    }
}
