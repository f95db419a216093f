package io.emporium.api.catalogue;

import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A new synonym rule; for ONE_WAY the first term is the one that is expanded. */
public record DefineSynonymsCommand(@TargetAggregateIdentifier String ruleId, SynonymKind kind, List<String> terms) {
}
