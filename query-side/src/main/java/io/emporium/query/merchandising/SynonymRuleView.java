package io.emporium.query.merchandising;

import java.time.Instant;
import java.util.List;

import io.emporium.api.catalogue.SynonymKind;
import io.swagger.v3.oas.annotations.media.Schema;

@Schema(name = "SynonymRuleView", description = "A synonym rule in force, and when it was defined and last changed (its events are in the event store).")
public record SynonymRuleView(String ruleId, SynonymKind kind, List<String> terms, Instant definedAt, Instant changedAt, long version) {
}
