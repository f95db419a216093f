package io.emporium.api.catalogue;

public record SynonymsRemovedEvent(String ruleId) {
}
