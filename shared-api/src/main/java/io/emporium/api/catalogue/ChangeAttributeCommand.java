package io.emporium.api.catalogue;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** A declared attribute's label and whether shoppers filter by it; its type and unit stay what they were. */
public record ChangeAttributeCommand(@TargetAggregateIdentifier String name, String label, boolean filterable, @TargetAggregateVersion Long expectedVersion) {
}
