package io.emporium.api.catalogue;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record RemoveSynonymsCommand(@TargetAggregateIdentifier String ruleId, @TargetAggregateVersion Long expectedVersion) {
}
