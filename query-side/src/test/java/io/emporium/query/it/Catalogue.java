package io.emporium.query.it;

import java.math.BigDecimal;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.emporium.api.Money;
import io.emporium.api.product.CatalogueDetails;
import io.emporium.api.product.ProductCreatedEvent;
import io.emporium.api.product.ProductPriceChangedEvent;
import io.emporium.api.product.StockAddedEvent;

/** A catalogue with a long history, written straight into the event table: products × events each. */
final class Catalogue {

    private Catalogue() {
    }

    static void write(EventLog events, int products, int eventsPerProduct) {
        List<Map.Entry<String, Object>> history = new ArrayList<>();
        for (int round = 0; round < eventsPerProduct; round++) {
            for (int p = 0; p < products; p++) {
                String id = id(p);
                Object event = round == 0
                        ? new ProductCreatedEvent(id, "SKU-" + p, "Product " + p, "A product with a long history", "category-" + (p % 7),
                        price(p, 0), 10, CatalogueDetails.NONE)
                        : round % 2 == 1 ? new ProductPriceChangedEvent(id, price(p, round))
                        : new StockAddedEvent(id, 1, 10 + round / 2, 0);
                history.add(new AbstractMap.SimpleEntry<>(id, event));
            }
        }
        events.appendAll("Product", history);
    }

    static String id(int product) {
        return "product-" + product;
    }

    static Money price(int product, int round) {
        return new Money(BigDecimal.valueOf(100 + product % 900 + round, 0).add(new BigDecimal("0.99")), "EUR");
    }
}
