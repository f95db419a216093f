package io.emporium.query.searchinsight;

import io.emporium.support.web.InvalidParameterException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** For the console: what shoppers searched for and did not find. */
@RestController
@Tag(name = "administration")
class ZeroResultsController {

    private final ZeroResultQueries queries;

    ZeroResultsController(ZeroResultQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/admin/search/zero-results")
    @Operation(operationId = "listZeroResultQueries", summary = "Searches that found nothing",
            description = "Queries with text that found no product, most frequent first (lower-cased, spaces collapsed): words to add"
                    + " to the catalogue or as synonyms. Shared by every instance when Redis is configured.")
    ZeroResultQueries.Listing zeroResults(@RequestParam(defaultValue = "50") @Parameter(description = "How many.")
                                          @Schema(minimum = "1", maximum = "1000") int limit) {
        if (limit < 1 || limit > ZeroResultQueries.KEPT) throw new InvalidParameterException("limit", "limit must be between 1 and 1000");
        return queries.top(limit);
    }
}
