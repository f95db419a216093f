package io.emporium.api.product;

import io.emporium.api.Money;
import org.axonframework.serialization.Revision;

/**
 * Revision 2 carries the price as {@link Money}; revision 1 (the walking skeleton) had separate {@code price} and
 * {@code currency} fields, which {@code ProductCreatedEventUpcaster} folds into one.
 */
@Revision("2")
public record ProductCreatedEvent(String productId,
                                  String sku,
                                  String name,
                                  String description,
                                  String category,
                                  Money price,
                                  int initialStock) implements ProductEvent {
}
