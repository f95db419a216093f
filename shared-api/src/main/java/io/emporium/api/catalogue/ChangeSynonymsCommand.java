package io.emporium.api.catalogue;

import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record ChangeSynonymsCommand(@TargetAggregateIdentifier String ruleId, SynonymKind kind, List<String> terms,
                                    @TargetAggregateVersion Long expectedVersion) {
}
