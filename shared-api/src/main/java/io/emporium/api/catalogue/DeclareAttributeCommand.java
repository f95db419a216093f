package io.emporium.api.catalogue;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Declares an attribute once, by its name ({@code colour}); products may then carry values of it. */
public record DeclareAttributeCommand(@TargetAggregateIdentifier String name, String label, AttributeType type, String unit, boolean filterable) {
}
