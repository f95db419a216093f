package io.emporium.query.merchandising;

import java.util.Comparator;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The merchandising rules as search applies them now (changed through the command API). */
@RestController
@RequestMapping("/api")
@Tag(name = "merchandising")
class MerchandisingController {

    private final MerchandisingRules rules;

    MerchandisingController(MerchandisingRules rules) {
        this.rules = rules;
    }

    @GetMapping("/attributes")
    @Operation(operationId = "listAttributes", summary = "The declared attributes",
            description = "By name: type, unit, label, and whether search offers it as a facet. Changes show within"
                    + " `EMPORIUM_MERCHANDISING_REFRESH_INTERVAL` (1 s).")
    List<DeclaredAttribute> attributes() {
        return rules.attributes().stream().sorted(Comparator.comparing(DeclaredAttribute::name)).toList();
    }

    @GetMapping("/synonyms")
    @Operation(operationId = "listSynonymRules", summary = "The synonym rules in force",
            description = "In the order they were defined, with when each was defined and last changed. Search expands queries with"
                    + " them within `EMPORIUM_MERCHANDISING_REFRESH_INTERVAL` (1 s) of a change; no rebuild.")
    List<SynonymRuleView> synonyms() {
        return rules.synonymRules();
    }
}
