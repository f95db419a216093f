package io.emporium.command.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.emporium.api.Money;
import io.emporium.api.order.OrderConfirmedEvent;
import io.emporium.api.order.OrderLine;
import io.emporium.api.order.OrderPaymentRequestedEvent;
import io.emporium.api.order.OrderPlacedEvent;
import io.emporium.api.order.PricedOrderLine;
import io.emporium.api.product.StockReservationRejectedEvent;
import io.emporium.api.product.StockReservedEvent;
import org.junit.jupiter.api.Test;

class PublicEventsTest {

    private static final Money TEN = new Money(new BigDecimal("10"), "EUR");

    @Test
    void anOrderPlacedTellsNeitherTheAddressNorThePaymentToken() {
        var placed = PublicEvents.of(new OrderPlacedEvent("o-1", "c-1", List.of(new OrderLine("p-1", 2)), Instant.now(),
                "tok_secret", "sealed-address")).orElseThrow();
        assertThat(placed.type()).isEqualTo("io.emporium.order.placed.v1");
        assertThat(placed.stream()).isEqualTo(PublicEvents.ORDERS);
        assertThat(placed.data()).containsOnlyKeys("orderId", "customerId", "lines", "paysOnline").containsEntry("paysOnline", true);
        assertThat(placed.data().toString()).doesNotContain("tok_secret", "sealed-address");
    }

    @Test
    void amountsAreDecimalStringsWithTwoPlaces() {
        var confirmed = PublicEvents.of(new OrderConfirmedEvent("o-1", List.of(new PricedOrderLine("p-1", 2, TEN)), TEN.times(2))).orElseThrow();
        assertThat(confirmed.data().get("total")).isEqualTo(Map.of("amount", "20.00", "currency", "EUR"));
    }

    @Test
    void aReservationIsAStockChangeWithTheCountsAfterIt() {
        var reserved = PublicEvents.of(new StockReservedEvent("p-1", "o-1", 3, TEN, 10, 4)).orElseThrow();
        assertThat(reserved.type()).isEqualTo("io.emporium.product.stock-changed.v1");
        assertThat(reserved.data()).containsEntry("reason", "reserved").containsEntry("quantity", 3).containsEntry("orderId", "o-1")
                .containsEntry("onHand", 10L).containsEntry("reserved", 4L).containsEntry("available", 6L);
    }

    @Test
    void internalStepsAreNotPublished() {
        assertThat(PublicEvents.of(new StockReservationRejectedEvent("p-1", "o-1", 3, 1, "short"))).isEmpty();
        assertThat(PublicEvents.of(new OrderPaymentRequestedEvent("o-1", List.of(), TEN, "tok", Instant.now()))).isEmpty();
    }

    /** Consumers never see an internal class: the data is plain JSON values all the way down. */
    @Test
    void theDataHoldsOnlyPlainJsonValues() {
        var confirmed = PublicEvents.of(new OrderConfirmedEvent("o-1", List.of(new PricedOrderLine("p-1", 2, TEN)), TEN)).orElseThrow();
        List<Object> values = new ArrayList<>();
        collect(confirmed.data(), values);
        assertThat(values).allSatisfy(v -> assertThat(v).isInstanceOfAny(String.class, Number.class, Boolean.class));
    }

    /** The list webhook registrations are checked against names exactly the types the committed contract documents. */
    @Test
    void theTypesAreThoseOfTheContract() throws Exception {
        String contract = java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "asyncapi", "emporium-events.yaml"));
        java.util.Set<String> documented = new java.util.TreeSet<>();
        java.util.regex.Matcher type = java.util.regex.Pattern.compile("io\\.emporium\\.(order|product)\\.[a-z-]+\\.v\\d+").matcher(contract);
        while (type.find()) documented.add(type.group());
        assertThat(new java.util.TreeSet<>(PublicEvents.TYPES)).isEqualTo(documented);
    }

    private static void collect(Object value, List<Object> into) {
        if (value instanceof Map<?, ?> map) map.values().forEach(v -> collect(v, into));
        else if (value instanceof List<?> list) list.forEach(v -> collect(v, into));
        else into.add(value);
    }
}
