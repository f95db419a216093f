package io.emporium.command.product;

import static io.emporium.command.product.ProductEvents.PRICE;
import static io.emporium.command.product.ProductEvents.PRODUCT;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.emporium.api.product.CatalogueDetails;
import io.emporium.api.product.ProductCreatedEvent;
import io.emporium.api.product.StockReleasedEvent;
import io.emporium.api.product.StockReservedEvent;
import io.emporium.api.product.StockShippedEvent;
import org.junit.jupiter.api.Test;

/**
 * A product remembers its open reservations and the orders settled within the last reservation window, not every
 * order it has ever seen: its snapshot does not grow with its history.
 */
class ProductStateBoundTest {

    private static final Duration RESERVATION_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration BETWEEN_ORDERS = Duration.ofSeconds(2);
    private static final Instant START = Instant.parse("2026-11-27T10:00:00Z");
    /** as the snapshot serializer writes it (Spring's ObjectMapper: ISO instants) */
    private static final ObjectMapper SNAPSHOTS = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void theSnapshotOfAProductWithFiftyThousandOrdersIsNoBiggerThanWithFifty() throws Exception {
        Product fifty = productAfter(50);
        Product fiftyThousand = productAfter(50_000);

        int small = SNAPSHOTS.writeValueAsBytes(fifty).length;
        int large = SNAPSHOTS.writeValueAsBytes(fiftyThousand).length;
        assertThat(large).as("snapshot bytes with 50,000 orders (with 50: %d)", small).isLessThanOrEqualTo(small);
        // orders settled within one reservation window plus the clock-skew allowance, at one order every 2 s
        long window = RESERVATION_TIMEOUT.plus(Product.CLOCK_SKEW_ALLOWANCE).dividedBy(BETWEEN_ORDERS) + 1;
        assertThat(fiftyThousand.rememberedOrders()).isLessThanOrEqualTo((int) window);
        assertThat(fiftyThousand.onHand()).isEqualTo(1_000_000 - 50_000 / 2);
        assertThat(fiftyThousand.reserved()).isZero();
    }

    /** One order every 2 s, each reserved at once, then every other one shipped and the others released a second later. */
    private static Product productAfter(int orders) {
        Product product = new Product();
        product.on(new ProductCreatedEvent(PRODUCT, "SKU-1", "Trail Jacket", "", "outdoor", PRICE, 1_000_000, CatalogueDetails.NONE));
        long onHand = 1_000_000;
        for (int i = 0; i < orders; i++) {
            Instant placed = START.plus(BETWEEN_ORDERS.multipliedBy(i));
            Instant expires = placed.plus(RESERVATION_TIMEOUT);
            String order = String.format("order-%06d", i); // fixed length, as UUIDs are
            product.on(new StockReservedEvent(PRODUCT, order, 1, PRICE, onHand, 1, expires), placed);
            if (i % 2 == 0) {
                onHand--;
                product.on(new StockShippedEvent(PRODUCT, order, 1, onHand, 0), placed.plusSeconds(1));
            } else {
                product.on(new StockReleasedEvent(PRODUCT, order, 1, onHand, 0, expires), placed.plusSeconds(1));
            }
        }
        return product;
    }
}
