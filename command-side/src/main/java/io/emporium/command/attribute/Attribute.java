package io.emporium.command.attribute;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.emporium.api.catalogue.AttributeChangedEvent;
import io.emporium.api.catalogue.AttributeDeclaredEvent;
import io.emporium.api.catalogue.AttributeType;
import io.emporium.api.catalogue.ChangeAttributeCommand;
import io.emporium.api.catalogue.DeclareAttributeCommand;
import io.emporium.command.InvalidCommandException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One attribute a product may carry ({@code colour}, {@code capacity}), declared once. Its type and unit never
 * change (the values products hold are of them); its label and whether shoppers filter by it may.
 */
@Aggregate
public class Attribute {

    @AggregateIdentifier
    private String name;
    private String label;
    private boolean filterable;

    protected Attribute() {
        // for event sourcing
    }

    @CommandHandler
    public Attribute(DeclareAttributeCommand command, AttributeCatalogue catalogue) {
        if (command.unit() != null && command.type() != AttributeType.NUMBER) {
            throw new InvalidCommandException("only a NUMBER attribute has a unit");
        }
        if (!catalogue.declare(command.name(), command.type())) throw new AttributeAlreadyDeclaredException(command.name());
        apply(new AttributeDeclaredEvent(command.name(), command.label(), command.type(), command.unit(), command.filterable()));
    }

    @CommandHandler
    public long handle(ChangeAttributeCommand command) {
        if (!command.label().equals(label) || command.filterable() != filterable) {
            apply(new AttributeChangedEvent(name, command.label(), command.filterable()));
        }
        return AggregateLifecycle.getVersion();
    }

    @EventSourcingHandler
    void on(AttributeDeclaredEvent event) {
        name = event.name();
        label = event.label();
        filterable = event.filterable();
    }

    @EventSourcingHandler
    void on(AttributeChangedEvent event) {
        label = event.label();
        filterable = event.filterable();
    }
}
