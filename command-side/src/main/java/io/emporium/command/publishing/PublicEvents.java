package io.emporium.command.publishing;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.emporium.api.Money;
import io.emporium.api.order.OrderCancelledEvent;
import io.emporium.api.order.OrderConfirmedEvent;
import io.emporium.api.order.OrderLine;
import io.emporium.api.order.OrderPaymentAuthorizedEvent;
import io.emporium.api.order.OrderPaymentCapturedEvent;
import io.emporium.api.order.OrderPaymentVoidedEvent;
import io.emporium.api.order.OrderPlacedEvent;
import io.emporium.api.order.OrderRejectedEvent;
import io.emporium.api.order.OrderShippedEvent;
import io.emporium.api.order.PricedOrderLine;
import io.emporium.api.product.AttributeValue;
import io.emporium.api.product.CatalogueDetails;
import io.emporium.api.product.ProductCreatedEvent;
import io.emporium.api.product.ProductDetailsUpdatedEvent;
import io.emporium.api.product.ProductDiscontinuedEvent;
import io.emporium.api.product.ProductPriceChangedEvent;
import io.emporium.api.product.StockAddedEvent;
import io.emporium.api.product.StockReleasedEvent;
import io.emporium.api.product.StockReservedEvent;
import io.emporium.api.product.StockShippedEvent;

/**
 * The public contract (docs/asyncapi/emporium-events.yaml): which stored events other services hear of, and what they
 * hear. The internal events may change behind upcasters; what this writes changes only compatibly (new optional
 * fields), else under a new {@code .v2} type. Nothing personal leaves: no address, no payment token, only ids.
 */
public final class PublicEvents {

    static final String ORDERS = "orders";
    static final String PRODUCTS = "products";

    /** Every type this writes (the contract documents each). */
    public static final List<String> TYPES = List.of(
            "io.emporium.order.placed.v1", "io.emporium.order.confirmed.v1", "io.emporium.order.rejected.v1",
            "io.emporium.order.cancelled.v1", "io.emporium.order.shipped.v1", "io.emporium.order.payment-authorized.v1",
            "io.emporium.order.payment-captured.v1", "io.emporium.order.payment-voided.v1",
            "io.emporium.product.created.v1", "io.emporium.product.price-changed.v1", "io.emporium.product.details-changed.v1",
            "io.emporium.product.stock-changed.v1", "io.emporium.product.discontinued.v1");

    /** One public event: its stream (orders or products), its type, and its data as it is written. */
    public record PublicEvent(String stream, String type, Map<String, Object> data) {
    }

    private PublicEvents() {
    }

    /** The public event of a stored one, or none when it is internal (a reservation refused, a payment requested, ...). */
    public static Optional<PublicEvent> of(Object event) {
        if (event instanceof OrderPlacedEvent e) {
            return order("placed", e.orderId(), "customerId", e.customerId(), "lines", lines(e.lines()),
                    "paysOnline", e.paymentToken() != null);
        }
        if (event instanceof OrderConfirmedEvent e) {
            return order("confirmed", e.orderId(), "lines", pricedLines(e.lines()), "total", money(e.total()));
        }
        if (event instanceof OrderRejectedEvent e) return order("rejected", e.orderId(), "reason", e.reason());
        if (event instanceof OrderCancelledEvent e) {
            return order("cancelled", e.orderId(), "reason", e.reason(), "wasConfirmed", e.wasConfirmed());
        }
        if (event instanceof OrderShippedEvent e) return order("shipped", e.orderId(), "lines", lines(e.lines()));
        if (event instanceof OrderPaymentAuthorizedEvent e) {
            return order("payment-authorized", e.orderId(), "authorizationId", e.authorizationId(), "amount", money(e.amount()));
        }
        if (event instanceof OrderPaymentCapturedEvent e) {
            return order("payment-captured", e.orderId(), "authorizationId", e.authorizationId(), "amount", money(e.amount()));
        }
        if (event instanceof OrderPaymentVoidedEvent e) {
            return order("payment-voided", e.orderId(), "authorizationId", e.authorizationId());
        }
        if (event instanceof ProductCreatedEvent e) {
            return product("created", e.productId(), "sku", e.sku(), "name", e.name(), "description", e.description(),
                    "category", e.category(), "price", money(e.price()), "onHand", (long) e.initialStock(), catalogue(e.catalogue()));
        }
        if (event instanceof ProductPriceChangedEvent e) return product("price-changed", e.productId(), "price", money(e.price()));
        if (event instanceof ProductDetailsUpdatedEvent e) {
            return product("details-changed", e.productId(), "name", e.name(), "description", e.description(), "category", e.category(),
                    catalogue(e.catalogue()));
        }
        if (event instanceof ProductDiscontinuedEvent e) return product("discontinued", e.productId());
        if (event instanceof StockAddedEvent e) return stock(e.productId(), "added", e.quantity(), null, e.onHand(), e.reserved());
        if (event instanceof StockReservedEvent e) return stock(e.productId(), "reserved", e.quantity(), e.orderId(), e.onHand(), e.reserved());
        if (event instanceof StockReleasedEvent e) return stock(e.productId(), "released", e.quantity(), e.orderId(), e.onHand(), e.reserved());
        if (event instanceof StockShippedEvent e) return stock(e.productId(), "shipped", e.quantity(), e.orderId(), e.onHand(), e.reserved());
        return Optional.empty();
    }

    private static Optional<PublicEvent> stock(String productId, String reason, int quantity, String orderId, long onHand, long reserved) {
        return product("stock-changed", productId, "reason", reason, "quantity", quantity, "orderId", orderId,
                "onHand", onHand, "reserved", reserved, "available", Math.max(0, onHand - reserved));
    }

    private static Optional<PublicEvent> order(String what, String orderId, Object... fields) {
        return Optional.of(new PublicEvent(ORDERS, "io.emporium.order." + what + ".v1", data("orderId", orderId, fields)));
    }

    private static Optional<PublicEvent> product(String what, String productId, Object... fields) {
        return Optional.of(new PublicEvent(PRODUCTS, "io.emporium.product." + what + ".v1", data("productId", productId, fields)));
    }

    /**
     * Fields in the order given; a field without a value is left out (the contract marks those optional). A map in
     * place of a name adds its fields.
     */
    private static Map<String, Object> data(String idName, String id, Object... fields) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(idName, id);
        for (int i = 0; i < fields.length; i += 2) {
            if (fields[i] instanceof Map<?, ?> more) {
                more.forEach((name, value) -> data.put((String) name, value));
                i--;
            } else if (fields[i + 1] != null) {
                data.put((String) fields[i], fields[i + 1]);
            }
        }
        return data;
    }

    /** Brand and group when there are, attributes by name ({@code {"colour": "red", "capacity": 45}}) and images. */
    private static Map<String, Object> catalogue(CatalogueDetails catalogue) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (catalogue.brand() != null) fields.put("brand", catalogue.brand());
        if (catalogue.group() != null) fields.put("group", catalogue.group());
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (AttributeValue value : catalogue.attributes()) {
            attributes.put(value.attribute(), value.text() != null ? value.text() : value.number() != null ? value.number() : value.flag());
        }
        fields.put("attributes", attributes);
        fields.put("images", catalogue.images().stream().map(image -> Map.of("url", image.url(), "alt", image.alt())).toList());
        return fields;
    }

    private static List<Map<String, Object>> lines(List<OrderLine> lines) {
        return lines.stream().map(l -> Map.<String, Object>of("productId", l.productId(), "quantity", l.quantity())).toList();
    }

    private static List<Map<String, Object>> pricedLines(List<PricedOrderLine> lines) {
        return lines.stream().map(l -> Map.<String, Object>of("productId", l.productId(), "quantity", l.quantity(),
                "unitPrice", money(l.unitPrice()))).toList();
    }

    /** An amount as a decimal string ("12.50"): exact in every language's JSON reader. */
    private static Map<String, Object> money(Money money) {
        BigDecimal amount = Money.twoDecimals(money.amount());
        return Map.of("amount", amount.toPlainString(), "currency", money.currency());
    }
}
