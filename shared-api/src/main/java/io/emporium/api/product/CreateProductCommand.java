package io.emporium.api.product;

import java.math.BigDecimal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CreateProductCommand(@TargetAggregateIdentifier String productId,
                                   String sku,
                                   String name,
                                   String description,
                                   String category,
                                   BigDecimal price,
                                   String currency,
                                   int initialStock) {
}
