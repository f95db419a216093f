package io.emporium.api.catalogue;

import java.util.List;

public record SynonymsDefinedEvent(String ruleId, SynonymKind kind, List<String> terms) {
}
