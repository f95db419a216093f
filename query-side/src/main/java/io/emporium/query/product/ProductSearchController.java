package io.emporium.query.product;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import io.emporium.support.web.InvalidParameterException;
import io.emporium.support.web.Paging;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/products")
class ProductSearchController {

    static final int MAX_TEXT_LENGTH = 500;

    private final ProductSearchIndex index;

    ProductSearchController(ProductSearchIndex index) {
        this.index = index;
    }

    @GetMapping("/search")
    SearchResult search(@RequestParam(required = false) String q,
                        @RequestParam(required = false) List<String> category,
                        @RequestParam(required = false) BigDecimal minPrice,
                        @RequestParam(required = false) BigDecimal maxPrice,
                        @RequestParam(required = false) Boolean inStock,
                        @RequestParam(defaultValue = "false") boolean includeDiscontinued,
                        @RequestParam(defaultValue = "relevance") String sort,
                        @RequestParam(defaultValue = "0") int page,
                        @RequestParam(defaultValue = "20") int size) {
        return index.search(parse(q, category, minPrice, maxPrice, inStock, includeDiscontinued, sort, page, size));
    }

    /**
     * For operators and the benchmark (role ADMIN): the Elasticsearch request body that a search with these
     * parameters sends, to run it against Elasticsearch directly or to study its shape.
     */
    @GetMapping(path = "/search/request", produces = "application/json")
    String searchRequest(@RequestParam(required = false) String q,
                         @RequestParam(required = false) List<String> category,
                         @RequestParam(required = false) BigDecimal minPrice,
                         @RequestParam(required = false) BigDecimal maxPrice,
                         @RequestParam(required = false) Boolean inStock,
                         @RequestParam(defaultValue = "false") boolean includeDiscontinued,
                         @RequestParam(defaultValue = "relevance") String sort,
                         @RequestParam(defaultValue = "0") int page,
                         @RequestParam(defaultValue = "20") int size) {
        return index.requestBody(parse(q, category, minPrice, maxPrice, inStock, includeDiscontinued, sort, page, size));
    }

    private static ProductSearch parse(String q, List<String> category, BigDecimal minPrice, BigDecimal maxPrice, Boolean inStock,
                                       boolean includeDiscontinued, String sort, int page, int size) {
        if (q != null && q.length() > MAX_TEXT_LENGTH) throw new InvalidParameterException("q", "q must be at most " + MAX_TEXT_LENGTH + " characters");
        Paging.check(page, size);
        if (minPrice != null && maxPrice != null && minPrice.compareTo(maxPrice) > 0) {
            throw new InvalidParameterException("minPrice", "minPrice must not exceed maxPrice");
        }
        SearchSort order;
        try {
            order = SearchSort.fromParameter(sort);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("sort", e.getMessage());
        }
        List<String> categories = category == null ? List.of() : category.stream().filter(c -> !c.isBlank()).toList();
        return new ProductSearch(q, categories, minPrice, maxPrice, inStock, includeDiscontinued, order, page, size);
    }

    @GetMapping("/suggest")
    Map<String, List<ProductSearchIndex.Suggestion>> suggest(@RequestParam String prefix,
                                                             @RequestParam(defaultValue = "5") int size) {
        checkSuggest(prefix, size);
        return Map.of("suggestions", index.suggest(prefix, size));
    }

    /** Role ADMIN: the Elasticsearch request body of a suggestion (see {@link #searchRequest}). */
    @GetMapping(path = "/suggest/request", produces = "application/json")
    String suggestRequest(@RequestParam String prefix, @RequestParam(defaultValue = "5") int size) {
        checkSuggest(prefix, size);
        return index.suggestRequestBody(prefix, size);
    }

    private static void checkSuggest(String prefix, int size) {
        if (prefix.isBlank() || prefix.length() > 100) throw new InvalidParameterException("prefix", "prefix must have 1 to 100 characters");
        if (size < 1 || size > 20) throw new InvalidParameterException("size", "size must be between 1 and 20");
    }
}
