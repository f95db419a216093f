package io.emporium.command.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.instanceOf;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import io.emporium.api.Money;
import io.emporium.api.product.AddStockCommand;
import io.emporium.api.product.CatalogueDetails;
import io.emporium.api.product.ChangeProductPriceCommand;
import io.emporium.api.product.CreateProductCommand;
import io.emporium.api.product.DiscontinueProductCommand;
import io.emporium.api.product.ReleaseStockCommand;
import io.emporium.api.product.ReserveStockCommand;
import io.emporium.api.product.ShipStockCommand;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import io.emporium.command.CommandRefusedException;
import io.emporium.command.InvalidCommandException;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.test.AxonAssertionError;
import org.axonframework.test.aggregate.ResultValidator;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;

/** Whatever product commands arrive, in whatever order, the product's invariants hold after each of them. */
class ProductInvariantsPropertyTest {

    private static final String PRODUCT = "product-1";

    @Property(tries = 150)
    void everySequenceOfCommandsKeepsTheInvariants(@ForAll @IntRange(max = 20) int initialStock,
                                                   @ForAll("commands") @Size(max = 25) List<Object> commands) {
        FixtureConfiguration<Product> fixture = new AggregateTestFixture<>(Product.class);
        fixture.registerInjectableResource((SkuRegistry) (sku, productId) -> true);
        fixture.registerInjectableResource(new DeclaredAttributes());
        fixture.givenNoPriorActivity().when(new CreateProductCommand(PRODUCT, "SKU-1", "Jacket", "", "outdoor",
                new Money(new BigDecimal("10.00"), "EUR"), initialStock, CatalogueDetails.NONE));
        List<Object> history = events(fixture);

        long everAdded = initialStock;
        for (Object command : commands) {
            fixture = new AggregateTestFixture<>(Product.class);
            fixture.registerInjectableResource((SkuRegistry) (sku, productId) -> true);
            fixture.registerInjectableResource(new DeclaredAttributes());
            long added = everAdded + (command instanceof AddStockCommand add ? add.quantity() : 0);
            ResultValidator<Product> result = fixture.given(history).when(command);
            if (refused(result)) {
                // a refusal is a rule, never an accident: and it changes nothing, so the invariants still hold
                result.expectException(anyOf(instanceOf(CommandRefusedException.class), instanceOf(InvalidCommandException.class)));
                result.expectNoEvents();
                continue;
            }
            result.expectState(product -> {
                assertThat(product.onHand()).as("on hand").isGreaterThanOrEqualTo(0);
                assertThat(product.reserved()).as("reserved").isBetween(0L, product.onHand());
                assertThat(product.reserved()).as("reserved is what open orders hold").isEqualTo(product.reservedByOpenOrders());
                assertThat(product.onHand()).as("never more than was ever added").isLessThanOrEqualTo(added);
                assertThat(product.price().amount().signum()).isPositive();
                assertThat(product.price().amount().stripTrailingZeros().scale()).isLessThanOrEqualTo(2);
            });
            history = events(fixture);
            everAdded = added;
        }
    }

    @Provide
    Arbitrary<List<Object>> commands() {
        Arbitrary<String> orders = Arbitraries.of("order-1", "order-2", "order-3", "order-4");
        Arbitrary<Object> reserve = Arbitraries.integers().between(-1, 12)
                .flatMap(q -> orders.map(o -> (Object) new ReserveStockCommand(PRODUCT, o, q)));
        Arbitrary<Object> release = orders.map(o -> new ReleaseStockCommand(PRODUCT, o));
        Arbitrary<Object> ship = orders.map(o -> new ShipStockCommand(PRODUCT, o));
        Arbitrary<Object> addStock = Arbitraries.integers().between(-2, 15).map(q -> new AddStockCommand(PRODUCT, q, null));
        Arbitrary<Object> changePrice = Arbitraries.of("0", "-1.00", "0.01", "9.999", "12.50", "100")
                .map(a -> new ChangeProductPriceCommand(PRODUCT, new Money(new BigDecimal(a), "EUR"), null));
        Arbitrary<Object> discontinue = Arbitraries.just(new DiscontinueProductCommand(PRODUCT, null));
        return Arbitraries.frequencyOf(
                        Tuple.of(5, reserve), Tuple.of(3, release), Tuple.of(3, ship),
                        Tuple.of(3, addStock), Tuple.of(2, changePrice), Tuple.of(1, discontinue))
                .list();
    }

    private static boolean refused(ResultValidator<Product> result) {
        try {
            result.expectSuccessfulHandlerExecution();
            return false;
        } catch (AxonAssertionError e) {
            return true;
        }
    }

    private static List<Object> events(FixtureConfiguration<Product> fixture) {
        List<Object> events = new ArrayList<>();
        fixture.getEventStore().readEvents(PRODUCT).asStream().map(DomainEventMessage::getPayload).forEach(events::add);
        return events;
    }
}
