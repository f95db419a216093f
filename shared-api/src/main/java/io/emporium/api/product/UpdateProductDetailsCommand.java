package io.emporium.api.product;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record UpdateProductDetailsCommand(@TargetAggregateIdentifier String productId, String name, String description, String category,
                                          CatalogueDetails catalogue, @TargetAggregateVersion Long expectedVersion) {
}
