package io.emporium.command.product;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.emporium.api.Money;
import io.emporium.api.product.AddStockCommand;
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
import io.emporium.command.attribute.AttributeCatalogue;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One product: the consistency boundary for its stock. Rules are checked in command handlers, state changes only
 * in event sourcing handlers. Reservations are kept per order, which makes reserve, release and ship idempotent:
 * a saga may send any of them twice.
 * <p>
 * A reservation comes with its order's expiry, after which the product refuses it. So a settled (released or shipped)
 * order needs remembering only until then, to turn a reservation still on its way into nothing: the state holds the
 * open reservations and the orders settled within the last reservation window, however many orders came before.
 * <p>
 * Invariants: 0 ≤ reserved ≤ onHand; price > 0 with at most two decimals.
 * Command handlers answer the aggregate's version after the command (the HTTP {@code ETag}).
 */
// revision 2: reservations with expiry, settled orders forgotten (snapshots of revision 1 are not read)
@Revision("2")
@Aggregate(repository = "productRepository")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Product {

    public static final int MAX_QUANTITY = 1_000_000;
    public static final long MAX_ON_HAND = 1_000_000_000L;
    /** How far the clocks of two command-service instances may differ: a settled order is remembered this much longer. */
    static final Duration CLOCK_SKEW_ALLOWANCE = Duration.ofSeconds(30);

    @AggregateIdentifier
    private String productId;
    private Money price;
    private long onHand;
    private long reserved;
    private boolean discontinued;
    /** The reservation of each order that is still open. */
    private Map<String, Reservation> openReservations = new HashMap<>();
    /**
     * Orders released or shipped lately, each with the instant after which it is forgotten: until then a late or
     * repeated reserve for it does nothing; after it, the reserve is refused by its expiry.
     */
    private Map<String, Instant> recentlySettled = new HashMap<>();

    protected Product() {
        // for event sourcing and snapshots
    }

    @CommandHandler
    public Product(CreateProductCommand command, SkuRegistry skus, AttributeCatalogue attributes) {
        requireValidPrice(command.price().amount());
        requireQuantity(command.initialStock(), 0, "initial stock");
        CatalogueDetails catalogue = command.catalogue() == null ? CatalogueDetails.NONE : command.catalogue();
        AttributeValuesCheck.check(catalogue, attributes);
        if (!skus.claim(command.sku(), command.productId())) {
            throw new SkuAlreadyTakenException(command.sku());
        }
        apply(new ProductCreatedEvent(command.productId(), command.sku(), command.name(), command.description(),
                command.category(), command.price(), command.initialStock(), catalogue));
    }

    @CommandHandler
    public long handle(UpdateProductDetailsCommand command, AttributeCatalogue attributes) {
        CatalogueDetails catalogue = command.catalogue() == null ? CatalogueDetails.NONE : command.catalogue();
        AttributeValuesCheck.check(catalogue, attributes);
        apply(new ProductDetailsUpdatedEvent(productId, command.name(), command.description(), command.category(), catalogue));
        return version();
    }

    @CommandHandler
    public long handle(ChangeProductPriceCommand command) {
        requireActive("change its price");
        requireValidPrice(command.price().amount());
        if (!command.price().currency().equals(price.currency())) {
            throw new CommandRefusedException("The product is priced in " + price.currency() + ", not " + command.price().currency());
        }
        if (command.price().amount().compareTo(price.amount()) != 0) {
            apply(new ProductPriceChangedEvent(productId, command.price()));
        }
        return version();
    }

    @CommandHandler
    public long handle(AddStockCommand command) {
        requireActive("add stock");
        requireQuantity(command.quantity(), 1, "quantity");
        if (onHand + command.quantity() > MAX_ON_HAND) {
            throw new CommandRefusedException("Stock on hand would exceed " + MAX_ON_HAND);
        }
        apply(new StockAddedEvent(productId, command.quantity(), onHand + command.quantity(), reserved));
        return version();
    }

    @CommandHandler
    public long handle(DiscontinueProductCommand command) {
        if (!discontinued) {
            apply(new ProductDiscontinuedEvent(productId));
        }
        return version();
    }

    /** Refusal is an event, not an exception: the order saga must react to it. */
    @CommandHandler
    public long handle(ReserveStockCommand command) {
        String orderId = command.orderId();
        if (openReservations.containsKey(orderId) || recentlySettled.containsKey(orderId)) {
            return version(); // already reserved, or released/shipped: never twice
        }
        long available = onHand - reserved;
        if (command.expiresAt() != null && now().isAfter(command.expiresAt())) {
            apply(new StockReservationRejectedEvent(productId, orderId, command.quantity(), available,
                    "the order's reservation window has passed"));
        } else if (discontinued) {
            apply(new StockReservationRejectedEvent(productId, orderId, command.quantity(), available, "product is discontinued"));
        } else if (command.quantity() < 1 || command.quantity() > MAX_QUANTITY) {
            apply(new StockReservationRejectedEvent(productId, orderId, command.quantity(), available, "invalid quantity"));
        } else if (command.quantity() > available) {
            apply(new StockReservationRejectedEvent(productId, orderId, command.quantity(), available,
                    "only " + available + " available"));
        } else {
            apply(new StockReservedEvent(productId, orderId, command.quantity(), price, onHand, reserved + command.quantity(),
                    command.expiresAt()));
        }
        return version();
    }

    @CommandHandler
    public long handle(ReleaseStockCommand command) {
        Reservation reservation = openReservations.get(command.orderId());
        if (reservation != null) {
            apply(new StockReleasedEvent(productId, command.orderId(), reservation.quantity(), onHand,
                    reserved - reservation.quantity(), reservation.expiresAt()));
        } else if (!recentlySettled.containsKey(command.orderId()) && reserveMayStillArrive(command.expiresAt())) {
            // nothing reserved yet: settle the order anyway, so that a reserve still on its way reserves nothing
            apply(new StockReleasedEvent(productId, command.orderId(), 0, onHand, reserved, command.expiresAt()));
        }
        return version();
    }

    @CommandHandler
    public long handle(ShipStockCommand command) {
        Reservation reservation = openReservations.get(command.orderId());
        if (reservation == null) {
            if (recentlySettled.containsKey(command.orderId())) return version();
            throw new CommandRefusedException("Order " + command.orderId() + " has no reservation of this product");
        }
        int quantity = reservation.quantity();
        apply(new StockShippedEvent(productId, command.orderId(), quantity, onHand - quantity, reserved - quantity));
        return version();
    }

    @EventSourcingHandler
    void on(ProductCreatedEvent event) {
        productId = event.productId();
        price = event.price();
        onHand = event.initialStock();
    }

    @EventSourcingHandler
    void on(ProductPriceChangedEvent event) {
        price = event.price();
    }

    @EventSourcingHandler
    void on(StockAddedEvent event) {
        onHand += event.quantity();
    }

    @EventSourcingHandler
    void on(ProductDiscontinuedEvent event) {
        discontinued = true;
    }

    @EventSourcingHandler
    void on(StockReservedEvent event, @Timestamp Instant at) {
        forgetSettledOrders(at);
        openReservations.put(event.orderId(), new Reservation(event.quantity(), event.expiresAt()));
        reserved += event.quantity();
    }

    @EventSourcingHandler
    void on(StockReleasedEvent event, @Timestamp Instant at) {
        forgetSettledOrders(at);
        Reservation reservation = openReservations.remove(event.orderId());
        settle(event.orderId(), event.expiresAt() != null ? event.expiresAt() : reservation == null ? null : reservation.expiresAt(), at);
        reserved -= event.quantity();
    }

    @EventSourcingHandler
    void on(StockShippedEvent event, @Timestamp Instant at) {
        forgetSettledOrders(at);
        Reservation reservation = openReservations.remove(event.orderId());
        settle(event.orderId(), reservation == null ? null : reservation.expiresAt(), at);
        reserved -= event.quantity();
        onHand -= event.quantity();
    }

    /** Remembers a settled order for as long as a reserve for it could still be accepted (see the class comment). */
    private void settle(String orderId, Instant expiresAt, Instant at) {
        Instant until = expiresAt != null && expiresAt.isAfter(at) ? expiresAt : at;
        recentlySettled.put(orderId, until.plus(CLOCK_SKEW_ALLOWANCE));
    }

    /** Deterministic on replay: by the time stored with each event, never by the clock. */
    private void forgetSettledOrders(Instant at) {
        recentlySettled.values().removeIf(forgetAt -> forgetAt.isBefore(at));
    }

    private static boolean reserveMayStillArrive(Instant expiresAt) {
        return expiresAt == null || !now().isAfter(expiresAt.plus(CLOCK_SKEW_ALLOWANCE));
    }

    private static Instant now() {
        return GenericEventMessage.clock.instant(); // the clock events are stamped with (tests move it)
    }

    private void requireActive(String action) {
        if (discontinued) {
            throw new CommandRefusedException("The product is discontinued: cannot " + action);
        }
    }

    private static void requireValidPrice(BigDecimal amount) {
        if (amount == null || amount.signum() <= 0 || amount.stripTrailingZeros().scale() > 2) {
            throw new InvalidCommandException("price must be positive with at most 2 decimals");
        }
    }

    private static void requireQuantity(int quantity, int min, String what) {
        if (quantity < min || quantity > MAX_QUANTITY) {
            throw new InvalidCommandException(what + " must be between " + min + " and " + MAX_QUANTITY);
        }
    }

    private static long version() {
        return AggregateLifecycle.getVersion();
    }

    // read by tests that check the invariants of a folded product
    long onHand() {
        return onHand;
    }

    long reserved() {
        return reserved;
    }

    long reservedByOpenOrders() {
        return openReservations.values().stream().mapToLong(Reservation::quantity).sum();
    }

    int rememberedOrders() {
        return openReservations.size() + recentlySettled.size();
    }

    Money price() {
        return price;
    }

    record Reservation(int quantity, Instant expiresAt) {
    }
}
