package io.emporium.command.synonym;

import java.util.List;
import java.util.Locale;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.emporium.api.catalogue.SynonymKind;
import io.emporium.command.InvalidCommandException;
import io.emporium.command.web.TextRules;
import io.swagger.v3.oas.annotations.media.Schema;

/** Request bodies of the synonym commands. */
final class SynonymRequests {

    private SynonymRequests() {
    }

    @Schema(name = "SynonymRule", description = "Words search takes as the same. TWO_WAY: each finds what the others find"
            + " (`sofa, couch`). ONE_WAY: the first also finds what the others find, not the reverse (`tee` → `t-shirt`).")
    record Rule(
            @NotNull SynonymKind kind,
            @NotNull @Size(min = 2, max = 20) @Schema(description = "Words or phrases, compared without case; each 1 to 50 characters.")
            List<@NotBlank @Size(max = 50) @Pattern(regexp = TextRules.LINE, message = TextRules.LINE_MESSAGE) String> terms) {

        /** Lower-cased and trimmed; the same term twice is a mistake. */
        List<String> normalisedTerms() {
            List<String> normalised = terms.stream().map(term -> term.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT)).toList();
            if (normalised.stream().distinct().count() < normalised.size()) throw new InvalidCommandException("terms: each term once");
            return normalised;
        }
    }

    @Schema(name = "SynonymRuleAccepted", description = "The rule a command changed, and its version after it.")
    record Accepted(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 64) String ruleId,
                    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "0") long version) {
    }
}
