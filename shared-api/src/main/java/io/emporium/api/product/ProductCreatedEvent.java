package io.emporium.api.product;

import java.math.BigDecimal;

public record ProductCreatedEvent(String productId,
                                  String sku,
                                  String name,
                                  String description,
                                  String category,
                                  BigDecimal price,
                                  String currency,
                                  int initialStock) {
}
