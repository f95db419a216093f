package io.emporium.query.product;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;

import io.emporium.api.product.ProductCreatedEvent;
import org.junit.jupiter.api.Test;

class ProductDocumentsTest {

    private static final Instant AT = Instant.parse("2026-11-26T10:15:30Z");

    @Test
    void aCreatedProductIsActiveWithAllItsStockAvailable() {
        ProductDocument document = ProductDocuments.created(new ProductCreatedEvent("p-1", "MUG-1", "Stoneware Coffee Mug",
                "Keeps coffee warm", "kitchen", new BigDecimal("12.50"), "EUR", 40), 0, AT);

        assertThat(document.status()).isEqualTo(ProductDocument.ACTIVE);
        assertThat(document.onHand()).isEqualTo(40);
        assertThat(document.reserved()).isZero();
        assertThat(document.available()).isEqualTo(40);
        assertThat(document.inStock()).isTrue();
        assertThat(document.createdAt()).isEqualTo(AT);
        assertThat(document.version()).isZero();
    }

    @Test
    void aProductCreatedWithoutStockIsNotInStock() {
        ProductDocument document = ProductDocuments.created(new ProductCreatedEvent("p-2", "MUG-2", "Mug", "", "kitchen",
                BigDecimal.ONE, "EUR", 0), 0, AT);

        assertThat(document.inStock()).isFalse();
    }

    @Test
    void suggestionsCompleteTheWholeNameAndEachOfItsWords() {
        assertThat(ProductDocuments.suggest("  Stoneware Coffee Mug ").input())
                .containsExactly("Stoneware Coffee Mug", "Stoneware", "Coffee", "Mug");
    }
}
