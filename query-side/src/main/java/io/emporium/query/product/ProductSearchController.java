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

    private final ProductSearcher searcher;

    ProductSearchController(ProductSearcher searcher) {
        this.searcher = searcher;
    }

    @GetMapping("/search")
    SearchResult search(SearchParameters parameters) {
        return searcher.search(parameters.validated());
    }

    /**
     * For operators and the benchmark (role ADMIN): the Elasticsearch requests (path and body) that a search with
     * these parameters sends, to run them against Elasticsearch directly or to study their shape.
     */
    @GetMapping(path = "/search/requests", produces = "application/json")
    String searchRequests(SearchParameters parameters) {
        return searcher.requests(parameters.validated());
    }

    /** The query parameters of a search, as sent; {@link #validated()} checks them and applies the defaults. */
    record SearchParameters(String q, List<String> category, BigDecimal minPrice, BigDecimal maxPrice, Boolean inStock,
                            Boolean includeDiscontinued, String sort, Integer page, Integer size) {

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
            List<String> categories = category == null ? List.of() : category.stream().filter(c -> !c.isBlank()).toList();
            return new ProductSearch(q, categories, minPrice, maxPrice, inStock, Boolean.TRUE.equals(includeDiscontinued), order,
                    pageNumber, pageSize);
        }
    }

    @GetMapping("/suggest")
    Map<String, List<ProductSearcher.Suggestion>> suggest(@RequestParam String prefix,
                                                             @RequestParam(defaultValue = "5") int size) {
        checkSuggest(prefix, size);
        return Map.of("suggestions", searcher.suggest(prefix, size));
    }

    /** Role ADMIN: the Elasticsearch request of a suggestion (see {@link #searchRequests}). */
    @GetMapping(path = "/suggest/requests", produces = "application/json")
    String suggestRequests(@RequestParam String prefix, @RequestParam(defaultValue = "5") int size) {
        checkSuggest(prefix, size);
        return searcher.suggestRequests(prefix, size);
    }

    private static void checkSuggest(String prefix, int size) {
        if (prefix.isBlank() || prefix.length() > 100) throw new InvalidParameterException("prefix", "prefix must have 1 to 100 characters");
        if (size < 1 || size > 20) throw new InvalidParameterException("size", "size must be between 1 and 20");
    }
}
