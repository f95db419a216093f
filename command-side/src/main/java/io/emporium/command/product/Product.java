package io.emporium.command.product;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.math.BigDecimal;

import io.emporium.api.product.CreateProductCommand;
import io.emporium.api.product.ProductCreatedEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** One product: the consistency boundary for its own stock. */
@Aggregate
public class Product {

    @AggregateIdentifier
    private String productId;
    private BigDecimal price;
    private int onHand;

    protected Product() {
        // for Axon's event sourcing
    }

    @CommandHandler
    public Product(CreateProductCommand command) {
        apply(new ProductCreatedEvent(command.productId(), command.sku(), command.name(), command.description(),
                command.category(), command.price(), command.currency(), command.initialStock()));
    }

    @EventSourcingHandler
    void on(ProductCreatedEvent event) {
        productId = event.productId();
        price = event.price();
        onHand = event.initialStock();
    }
}
