package io.emporium.command.attribute;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.emporium.api.catalogue.AttributeType;
import io.emporium.command.web.TextRules;
import io.swagger.v3.oas.annotations.media.Schema;

/** Request bodies of the attribute commands. */
final class AttributeRequests {

    static final String NAME_PATTERN = "[a-z][a-z0-9-]{0,39}";

    private AttributeRequests() {
    }

    @Schema(name = "NewAttribute", description = "An attribute products may carry, declared once.")
    record Declare(
            @NotBlank @Size(max = 40) @Pattern(regexp = NAME_PATTERN, message = "lower-case letters, digits and '-', starting with a letter")
            @Schema(description = "Its key in products' attributes and in search filters: `colour`, `capacity`.") String name,
            @NotBlank @Size(max = 60) @Pattern(regexp = TextRules.LINE, message = TextRules.LINE_MESSAGE)
            @Schema(description = "What shoppers read: `Colour`.") String label,
            @NotNull @Schema(description = "TEXT, NUMBER (with a unit) or BOOLEAN; never changes.") AttributeType type,
            @Size(min = 1, max = 10) @Pattern(regexp = TextRules.LINE, message = TextRules.LINE_MESSAGE)
            @Schema(description = "A NUMBER's unit (`l`, `cm`); never changes. Other types have none.") String unit,
            @NotNull @Schema(description = "Whether search offers it as a facet and filter.") Boolean filterable) {
    }

    @Schema(name = "AttributeChange", description = "A declared attribute's label and whether shoppers filter by it.")
    record Change(
            @NotBlank @Size(max = 60) @Pattern(regexp = TextRules.LINE, message = TextRules.LINE_MESSAGE) String label,
            @NotNull Boolean filterable) {
    }

    @Schema(name = "AttributeAccepted", description = "The attribute a command changed, and its version after it.")
    record Accepted(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 40) String name,
                    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "0") long version) {
    }
}
