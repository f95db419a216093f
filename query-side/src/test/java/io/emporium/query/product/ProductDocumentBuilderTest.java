package io.emporium.query.product;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.emporium.api.Money;
import io.emporium.api.product.AttributeValue;
import io.emporium.api.product.CatalogueDetails;
import io.emporium.api.product.ProductCreatedEvent;
import io.emporium.api.product.ProductDiscontinuedEvent;
import io.emporium.api.product.ProductImage;
import io.emporium.api.product.ProductPriceChangedEvent;
import io.emporium.api.product.StockAddedEvent;
import io.emporium.api.product.StockReservationRejectedEvent;
import io.emporium.api.product.StockReservedEvent;
import org.junit.jupiter.api.Test;

class ProductDocumentsTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final Money PRICE = new Money(new BigDecimal("12.50"), "EUR");
    private static final ProductCreatedEvent CREATED = new ProductCreatedEvent("p-1", "MUG-1", "Stoneware Coffee Mug",
            "Keeps coffee warm", "kitchen", PRICE, 40, CatalogueDetails.NONE);

    @Test
    void aCreatedProductIsActiveWithAllItsStockAvailable() {
        ProductDocument document = ProductDocumentBuilder.apply(null, CREATED, 0, T0);

        assertThat(document.status()).isEqualTo(ProductDocument.ACTIVE);
        assertThat(document.price()).isEqualByComparingTo("12.50");
        assertThat(document.currency()).isEqualTo("EUR");
        assertThat(document.onHand()).isEqualTo(40);
        assertThat(document.available()).isEqualTo(40);
        assertThat(document.inStock()).isTrue();
        assertThat(document.createdAt()).isEqualTo(T0);
        assertThat(document.version()).isZero();
    }

    @Test
    void theCatalogueFieldsAreIndexedForFacetsCollapsingAndStemmedSearch() {
        ProductCreatedEvent created = new ProductCreatedEvent("p-2", "MUG-2", "Enamel Mugs", "Keeps tea warm", "home/kitchen/mugs", PRICE, 1,
                new CatalogueDetails("Acme", "enamel-mug", List.of(AttributeValue.text("colour", "red"),
                        AttributeValue.number("capacity", new BigDecimal("0.45")), AttributeValue.flag("dishwasher-safe", false)),
                        List.of(new ProductImage("https://shop.example/mug.jpg", "A red mug"))));

        ProductDocument document = ProductDocumentBuilder.apply(null, created, 0, T0);

        assertThat(document.categoryLevels()).containsExactly("home", "home/kitchen", "home/kitchen/mugs");
        assertThat(document.brand()).isEqualTo("Acme");
        assertThat(document.groupKey()).isEqualTo("enamel-mug");
        assertThat(document.attributeValues()).containsExactly("colour=red", "capacity=0.45", "dishwasher-safe=no");
        assertThat(document.attributeText()).isEqualTo("red 0.45");
        assertThat(document.nameStems()).isEqualTo("enamel mug");
        assertThat(document.textStems()).contains("mug", "tea", "warm", "acm", "kitchen", "red").doesNotContain("mugs");
        assertThat(ProductView.of(document).attributes()).containsEntry("colour", "red").containsEntry("dishwasher-safe", false);
    }

    @Test
    void aProductWithoutGroupIsAGroupOfItsOwnAndOneWordIsACategoryOfOneLevel() {
        ProductDocument document = ProductDocumentBuilder.apply(null, CREATED, 0, T0);

        assertThat(document.groupKey()).isEqualTo("product:p-1");
        assertThat(document.categoryLevels()).containsExactly("kitchen");
        assertThat(document.attributeValues()).isEmpty();
        assertThat(document.nameStems()).isEqualTo("stonewar coffe mug");
    }

    @Test
    void reservationsTakeStockOutOfWhatIsAvailable() {
        ProductDocument document = fold(CREATED, new StockReservedEvent("p-1", "o-1", 40, PRICE, 40, 40));

        assertThat(document.reserved()).isEqualTo(40);
        assertThat(document.available()).isZero();
        assertThat(document.inStock()).isFalse();
        assertThat(document.version()).isEqualTo(1);
    }

    @Test
    void aRejectedReservationChangesNothingButTheVersion() {
        ProductDocument before = fold(CREATED);
        ProductDocument after = fold(CREATED, new StockReservationRejectedEvent("p-1", "o-1", 99, 40, "only 40 available"));

        assertThat(after.version()).isEqualTo(1);
        assertThat(after.updatedAt()).isEqualTo(before.updatedAt());
        assertThat(after.available()).isEqualTo(before.available());
    }

    @Test
    void discontinuingKeepsEverythingElse() {
        ProductDocument document = fold(CREATED, new ProductDiscontinuedEvent("p-1"));

        assertThat(document.status()).isEqualTo(ProductDocument.DISCONTINUED);
        assertThat(document.name()).isEqualTo("Stoneware Coffee Mug");
    }

    @Test
    void reorderedAndDuplicatedEventsEndInTheSameDocumentAsAnInOrderPass() {
        List<Object> events = List.of(CREATED, new ProductPriceChangedEvent("p-1", new Money(new BigDecimal("9.99"), "EUR")),
                new StockAddedEvent("p-1", 5, 45, 0), new StockReservedEvent("p-1", "o-1", 3, PRICE, 45, 3));
        ProductDocument inOrder = null;
        for (int i = 0; i < events.size(); i++) inOrder = ProductDocumentBuilder.apply(inOrder, events.get(i), i, T0.plusSeconds(i));

        ProductDocument shuffled = null;
        for (int i : new int[]{3, 1, 3, 0, 2, 1, 0}) shuffled = ProductDocumentBuilder.apply(shuffled, events.get(i), i, T0.plusSeconds(i));

        assertThat(shuffled).isEqualTo(inOrder);
        assertThat(shuffled.price()).isEqualByComparingTo("9.99");
        assertThat(shuffled.available()).isEqualTo(42);
    }

    @Test
    void suggestionsCompleteTheWholeNameAndEachOfItsWords() {
        assertThat(ProductDocumentBuilder.suggest("  Stoneware Coffee Mug ").input())
                .containsExactly("Stoneware Coffee Mug", "Stoneware", "Coffee", "Mug");
    }

    private static ProductDocument fold(Object... events) {
        ProductDocument document = null;
        for (int i = 0; i < events.length; i++) document = ProductDocumentBuilder.apply(document, events[i], i, T0.plusSeconds(i));
        return document;
    }
}
