package io.emporium.api.product;

import io.emporium.api.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CreateProductCommand(@TargetAggregateIdentifier String productId,
                                   String sku,
                                   String name,
                                   String description,
                                   String category,
                                   Money price,
                                   int initialStock,
                                   CatalogueDetails catalogue) {
}
