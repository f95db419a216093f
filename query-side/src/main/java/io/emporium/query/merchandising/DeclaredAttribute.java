package io.emporium.query.merchandising;

import java.time.Instant;

import io.emporium.api.catalogue.AttributeType;
import io.swagger.v3.oas.annotations.media.Schema;

@Schema(name = "Attribute", description = "An attribute products may carry, as declared.")
public record DeclaredAttribute(String name, String label, AttributeType type, @Schema(description = "A NUMBER's unit, else absent.") String unit,
                                @Schema(description = "Whether search counts its values as a facet and filters by them.") boolean filterable,
                                Instant declaredAt, Instant changedAt, long version) {
}
