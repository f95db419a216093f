package io.emporium.api.catalogue;

import java.util.List;

public record SynonymsChangedEvent(String ruleId, SynonymKind kind, List<String> terms) {
}
