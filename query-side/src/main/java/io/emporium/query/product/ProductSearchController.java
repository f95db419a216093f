package io.emporium.query.product;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.emporium.support.web.InvalidParameterException;
import io.emporium.support.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.Explode;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/products")
@Tag(name = "search")
class ProductSearchController {

    static final int MAX_TEXT_LENGTH = 500;

    private final ProductSearcher searcher;

    ProductSearchController(ProductSearcher searcher) {
        this.searcher = searcher;
    }

    @GetMapping("/search")
    @Operation(operationId = "searchProducts", summary = "Search the catalogue",
            description = "Full text over name, description, brand, category and attribute values, typo tolerant, with English"
                    + " stemming (`mugs` finds `mug`) and the shop's synonym rules; facets (category paths per level, brands,"
                    + " price ranges, every filterable attribute) each counted with the other filters applied; one hit per"
                    + " article unless `collapse=false`. Without q, everything that matches the filters. Highlights show where"
                    + " the text matched. Discontinued products are left out unless asked for. A query that finds nothing is"
                    + " counted (metric `emporium_search_zero_results_total`, and the console's list).")
    @ApiResponse(responseCode = "200", description = "One page of products and the facets of all that matched.")
    SearchResult search(@ParameterObject SearchParameters parameters) {
        return searcher.search(parameters.validated());
    }

    /**
     * For operators and the benchmark (role ADMIN): the Elasticsearch requests (path and body) that a search with
     * these parameters sends, to run them against Elasticsearch directly or to study their shape.
     */
    @GetMapping(path = "/search/requests", produces = "application/json")
    @Operation(operationId = "explainProductSearch", summary = "The Elasticsearch requests of a search",
            description = "For operators and the benchmark: the requests (path and body) a search with these parameters sends to"
                    + " Elasticsearch.")
    @ApiResponse(responseCode = "200", description = "The requests, in the order they are sent: the search, then (when there are"
            + " hits) their highlights and the matching variants of the groups on the page; each its path and body.",
            content = @Content(mediaType = "application/json", array = @ArraySchema(maxItems = 3,
                    schema = @Schema(type = "object", description = "One request to Elasticsearch"))))
    String searchRequests(@ParameterObject SearchParameters parameters) {
        return searcher.requests(parameters.validated());
    }

    /** The query parameters of a search, as sent; {@link #validated()} checks them and applies the defaults. */
    record SearchParameters(
            @Parameter(description = "Words to look for (typos forgiven); none: everything that matches the filters.")
            @Schema(maxLength = MAX_TEXT_LENGTH) String q,
            @Parameter(description = "Only products shelved at or below these category paths (`home/kitchen` takes `home/kitchen/mugs`"
                    + " too; repeat the parameter for several).", explode = Explode.TRUE)
            @ArraySchema(maxItems = 50, schema = @Schema(maxLength = 200)) List<String> category,
            @Parameter(description = "Only these brands (repeat the parameter for several).", explode = Explode.TRUE)
            @ArraySchema(maxItems = 50, schema = @Schema(maxLength = 100)) List<String> brand,
            @Parameter(description = "Only products with this value of a filterable attribute, as `name:value` (`colour:red`,"
                    + " `capacity:0.5`, `dishwasher-safe:yes`); values of one attribute are alternatives, different attributes all"
                    + " apply. Repeat the parameter for several.", explode = Explode.TRUE)
            @ArraySchema(maxItems = 50, schema = @Schema(maxLength = 150, pattern = "^[a-z][a-z0-9-]*:.+$")) List<String> attr,
            @Parameter(description = "Lowest price.") BigDecimal minPrice,
            @Parameter(description = "Highest price (not below minPrice).") BigDecimal maxPrice,
            @Parameter(description = "Only products with stock available (true), or only those without (false).") Boolean inStock,
            @Parameter(description = "Discontinued products too.") @Schema(defaultValue = "false") Boolean includeDiscontinued,
            @Parameter(description = "The order of the items.")
            @Schema(allowableValues = {"relevance", "price_asc", "price_desc", "newest", "name"}, defaultValue = "relevance") String sort,
            @Parameter(description = "One hit per article: the variants of a group (same `group`) that match are listed in the hit of"
                    + " the best one (`variants`). false: every product its own hit.") @Schema(defaultValue = "true") Boolean collapse,
            @Parameter(description = "The page, from 0; (page + 1) × size may not exceed 10000.")
            @Schema(minimum = "0", maximum = "9999", defaultValue = "0") Integer page,
            @Parameter(description = "Items per page.") @Schema(minimum = "1", maximum = "100", defaultValue = "20") Integer size) {

        ProductSearch validated() {
            int pageNumber = page == null ? 0 : page;
            int pageSize = size == null ? 20 : size;
            if (q != null && q.length() > MAX_TEXT_LENGTH) throw new InvalidParameterException("q", "q must be at most " + MAX_TEXT_LENGTH + " characters");
            Paging.check(pageNumber, pageSize);
            if (minPrice != null && maxPrice != null && minPrice.compareTo(maxPrice) > 0) {
                throw new InvalidParameterException("minPrice", "minPrice must not exceed maxPrice");
            }
            SearchSort order;
            try {
                order = SearchSort.fromParameter(sort == null ? "relevance" : sort);
            } catch (IllegalArgumentException e) {
                throw new InvalidParameterException("sort", e.getMessage());
            }
            List<String> categories = category == null ? List.of() : category.stream().filter(c -> !c.isBlank()).map(String::trim).toList();
            List<String> brands = brand == null ? List.of() : brand.stream().filter(b -> !b.isBlank()).map(String::trim).toList();
            return new ProductSearch(q, categories, brands, attributeFilters(attr), minPrice, maxPrice, inStock,
                    Boolean.TRUE.equals(includeDiscontinued), order, !Boolean.FALSE.equals(collapse), pageNumber, pageSize);
        }

        /** {@code colour:red}, {@code colour:blue}, {@code capacity:0.5} → {colour: [red, blue], capacity: [0.5]}. */
        private static Map<String, List<String>> attributeFilters(List<String> attr) {
            Map<String, List<String>> filters = new LinkedHashMap<>();
            if (attr == null) return filters;
            if (attr.size() > 50) throw new InvalidParameterException("attr", "at most 50 attribute filters");
            for (String filter : attr) {
                int colon = filter.indexOf(':');
                if (colon < 1 || colon == filter.length() - 1 || !filter.substring(0, colon).matches("[a-z][a-z0-9-]{0,39}") || filter.length() > 150) {
                    throw new InvalidParameterException("attr", "attr must be name:value, as colour:red");
                }
                filters.computeIfAbsent(filter.substring(0, colon), name -> new ArrayList<>()).add(filter.substring(colon + 1).trim());
            }
            return filters;
        }
    }

    @GetMapping("/suggest")
    @Operation(operationId = "suggestProducts", summary = "Suggest products as the customer types",
            description = "Product names that begin with the prefix, for a search box.")
    @ApiResponse(responseCode = "200", description = "The suggestions, best first.")
    Suggestions suggest(@RequestParam @Parameter(description = "What was typed so far.") @Schema(minLength = 1, maxLength = 100) String prefix,
                        @RequestParam(defaultValue = "5") @Parameter(description = "How many.") @Schema(minimum = "1", maximum = "20") int size) {
        checkSuggest(prefix, size);
        return new Suggestions(searcher.suggest(prefix, size));
    }

    @Schema(name = "Suggestions", description = "Products whose names begin with the prefix.")
    record Suggestions(@ArraySchema(maxItems = 20) List<ProductSearcher.Suggestion> suggestions) {
    }

    /** Role ADMIN: the Elasticsearch request of a suggestion (see {@link #searchRequests}). */
    @GetMapping(path = "/suggest/requests", produces = "application/json")
    @Operation(operationId = "explainProductSuggestions", summary = "The Elasticsearch request of a suggestion")
    @ApiResponse(responseCode = "200", description = "The request: its path and body.",
            content = @Content(mediaType = "application/json", array = @ArraySchema(maxItems = 1,
                    schema = @Schema(type = "object", description = "One request to Elasticsearch"))))
    String suggestRequests(@RequestParam @Schema(minLength = 1, maxLength = 100) String prefix,
                           @RequestParam(defaultValue = "5") @Schema(minimum = "1", maximum = "20") int size) {
        checkSuggest(prefix, size);
        return searcher.suggestRequests(prefix, size);
    }

    private static void checkSuggest(String prefix, int size) {
        if (prefix.isBlank() || prefix.length() > 100) throw new InvalidParameterException("prefix", "prefix must have 1 to 100 characters");
        if (size < 1 || size > 20) throw new InvalidParameterException("size", "size must be between 1 and 20");
    }
}
