package io.emporium.query.product;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.SuggestMode;
import co.elastic.clients.elasticsearch._types.aggregations.AggregationRange;
import co.elastic.clients.elasticsearch._types.aggregations.RangeBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch._types.query_dsl.TextQueryType;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.json.JsonpUtils;
import co.elastic.clients.elasticsearch.core.search.CompletionContext;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.emporium.query.projection.IndexProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Product search against the products alias. User text only ever goes into match queries (never query_string),
 * so no input is parsed as query syntax. Category and price filters are post-filters, so that each facet counts
 * with the other filters applied: the category facet ignores the category filter, the price facet the price filter.
 */
@Component
public class ProductSearcher {

    /** Fixed price buckets of the price facet; the last one is open-ended. */
    static final List<BigDecimal> PRICE_STEPS = Stream.of("0", "10", "25", "50", "100", "250", "500").map(BigDecimal::new).toList();

    private final ElasticsearchClient client;
    private final String alias;
    private final Timer searchLatency;

    public ProductSearcher(@Qualifier("searchClient") ElasticsearchClient client, IndexProperties names, MeterRegistry registry) {
        this.client = client;
        this.alias = names.alias(ProductsProjection.NAME);
        this.searchLatency = Timer.builder("emporium.search.latency").description("time of one product search in Elasticsearch")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    public SearchResult search(ProductSearch search) {
        return searchLatency.record(() -> doSearch(search));
    }

    /**
     * The Elasticsearch requests a search sends, as a JSON array of {@code {"path", "body"}}: the search, then (when
     * it has text and hits) the highlights of its page, for which the search is run once here.
     */
    public String requests(ProductSearch search) {
        try {
            SearchRequest first = request(search);
            List<String> sent = new ArrayList<>(List.of(described(first)));
            SearchResponse<ProductDocument> found = client.search(first, ProductDocument.class);
            SearchRequest second = highlightRequest(search, found);
            if (second != null) sent.add(described(second));
            return "[" + String.join(",", sent) + "]";
        } catch (IOException e) {
            throw new UncheckedIOException("Product search failed", e);
        }
    }

    private String described(SearchRequest request) {
        String path = "/" + alias + "/_search" + (Boolean.TRUE.equals(request.requestCache()) ? "?request_cache=true" : "");
        return "{\"path\":\"" + path + "\",\"body\":" + JsonpUtils.toJsonString(request, client._jsonpMapper()) + "}";
    }

    /**
     * Two requests: the search itself (hits, facets, and the term suggester's corrections of misspelled words), then
     * the highlights of the page's hits only. Highlighting the fuzzy query itself cost 130 ms on 100,000 products
     * (Lucene re-analyses each hit's text against the fuzzy automaton, stored offsets or not); highlighting the words
     * as typed plus their corrections, and the last word as a prefix, costs a few ms and marks what matched.
     */
    private SearchResult doSearch(ProductSearch search) {
        try {
            SearchResponse<ProductDocument> found = client.search(request(search), ProductDocument.class);
            return toResult(search, found, highlights(search, found));
        } catch (IOException e) {
            throw new UncheckedIOException("Product search failed", e);
        }
    }

    private Map<String, Map<String, List<String>>> highlights(ProductSearch search, SearchResponse<ProductDocument> found)
            throws IOException {
        SearchRequest request = highlightRequest(search, found);
        if (request == null) return Map.of();
        Map<String, Map<String, List<String>>> byId = new LinkedHashMap<>();
        client.search(request, Void.class).hits().hits().forEach(hit -> byId.put(hit.id(), hit.highlight()));
        return byId;
    }

    private SearchRequest highlightRequest(ProductSearch search, SearchResponse<ProductDocument> found) {
        if (!hasText(search) || found.hits().hits().isEmpty()) return null;
        List<String> ids = found.hits().hits().stream().map(Hit::id).toList();
        Set<String> words = new LinkedHashSet<>(List.of(search.text().trim().split("\\s+")));
        found.suggest().values().forEach(suggestions -> suggestions.forEach(suggestion ->
                suggestion.term().options().forEach(option -> words.add(option.text()))));
        String text = String.join(" ", words);
        return SearchRequest.of(s -> s.index(alias).size(ids.size()).requestCache(true)
                .query(q -> q.ids(i -> i.values(ids))).source(src -> src.fetch(false))
                .highlight(h -> h.highlightQuery(q -> q.bool(b -> b
                                .should(m -> m.multiMatch(mm -> mm.query(text).fields("name", "description")))
                                .should(p -> p.matchBoolPrefix(mp -> mp.field("name").query(search.text())))))
                        .fields("name", f -> f.numberOfFragments(0))
                        .fields("description", f -> f.fragmentSize(150).numberOfFragments(2))));
    }

    private static boolean hasText(ProductSearch search) {
        return search.text() != null && !search.text().isBlank();
    }

    private SearchRequest request(ProductSearch search) {
        Query categoryFilter = search.categories().isEmpty() ? null : Query.of(q -> q.terms(t -> t.field("category")
                .terms(v -> v.value(search.categories().stream().map(FieldValue::of).toList()))));
        Query priceFilter = search.minPrice() == null && search.maxPrice() == null ? null : Query.of(q -> q.range(r -> r.number(n -> {
            n.field("price");
            if (search.minPrice() != null) n.gte(search.minPrice().doubleValue());
            if (search.maxPrice() != null) n.lte(search.maxPrice().doubleValue());
            return n;
        })));

        return SearchRequest.of(s -> {
                s.index(alias).from(search.from()).size(search.size()).trackTotalHits(t -> t.enabled(true)).requestCache(true)
                        .query(mainQuery(search))
                        .sort(sort(search.sort()))
                        .source(src -> src.filter(f -> f.excludes("suggest", "fieldVersions")))
                        .aggregations("categories", a -> a.filter(all(priceFilter))
                                .aggregations("values", v -> v.terms(t -> t.field("category").size(50))))
                        .aggregations("prices", a -> a.filter(all(categoryFilter))
                                .aggregations("ranges", v -> v.range(r -> r.field("price").ranges(priceRanges()))));
                Query post = and(categoryFilter, priceFilter);
                if (post != null) s.postFilter(post);
                // corrections of misspelled words, for the highlights (only words the index does not have)
                if (hasText(search)) {
                    s.suggest(sg -> sg.text(search.text())
                            .suggesters("name", f -> f.term(t -> t.field("name").suggestMode(SuggestMode.Missing).size(1)))
                            .suggesters("description", f -> f.term(t -> t.field("description").suggestMode(SuggestMode.Missing).size(1))));
                }
                return s;
            });
    }

    /**
     * Completion over the whole name and each of its words. One product may match by several words, so more options
     * are asked for than returned, and each product is suggested once (skip_duplicates would merge equal words of
     * different products instead).
     */
    public List<Suggestion> suggest(String prefix, int size) {
        try {
            SearchResponse<ProductDocument> response = client.search(suggestRequest(prefix, size), ProductDocument.class);
            Map<String, Suggestion> byProduct = new LinkedHashMap<>();
            response.suggest().getOrDefault("names", List.of()).stream()
                    .flatMap(entry -> entry.completion().options().stream())
                    .forEach(option -> byProduct.putIfAbsent(option.id(),
                            new Suggestion(option.id(), option.source() == null ? option.text() : option.source().name())));
            return byProduct.values().stream().limit(size).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Product suggestion failed", e);
        }
    }

    /** The Elasticsearch request of a suggestion, described as {@link #requests} describes a search's. */
    public String suggestRequests(String prefix, int size) {
        return "[" + described(suggestRequest(prefix, size)) + "]";
    }

    private SearchRequest suggestRequest(String prefix, int size) {
        return SearchRequest.of(s -> s.index(alias).size(0).requestCache(true)
                .source(src -> src.filter(f -> f.includes("name")))
                .suggest(sg -> sg.suggesters("names", f -> f.prefix(prefix).completion(c -> c.field("suggest").size(size * 4)
                        // a typo in what is typed still finds names (exact prefixes rank first)
                        .fuzzy(fz -> fz.fuzziness("AUTO"))
                        .contexts("status", List.of(CompletionContext.of(ctx -> ctx.context(v -> v.category(ProductDocument.ACTIVE)))))))));
    }

    @Schema(name = "Suggestion", description = "A product whose name begins with the prefix.")
    public record Suggestion(String productId, String name) {
    }

    private static Query mainQuery(ProductSearch search) {
        return Query.of(q -> q.bool(b -> {
            if (hasText(search)) {
                b.must(m -> m.bool(text -> text
                        .should(s -> s.multiMatch(mm -> mm.query(search.text()).fields("name^3", "description")
                                .type(TextQueryType.BestFields).fuzziness("AUTO").prefixLength(1).operator(Operator.And)))
                        // the last word may still be being typed: match it as a prefix
                        .should(s -> s.matchBoolPrefix(p -> p.field("name").query(search.text()).boost(2f)))
                        // a category's name ("kitchen") finds the category's products
                        .should(s -> s.term(t -> t.field("category").value(search.text().trim()).caseInsensitive(true)))
                        .minimumShouldMatch("1")));
            }
            if (!search.includeDiscontinued()) {
                b.filter(f -> f.term(t -> t.field("status").value(ProductDocument.ACTIVE)));
            }
            if (search.inStock() != null) {
                b.filter(f -> f.term(t -> t.field("inStock").value(search.inStock())));
            }
            return b;
        }));
    }

    private static List<SortOptions> sort(SearchSort sort) {
        List<SortOptions> options = new ArrayList<>();
        switch (sort) {
            case RELEVANCE -> options.add(SortOptions.of(o -> o.score(sc -> sc.order(SortOrder.Desc))));
            case PRICE_ASC -> options.add(SortOptions.of(o -> o.field(f -> f.field("price").order(SortOrder.Asc))));
            case PRICE_DESC -> options.add(SortOptions.of(o -> o.field(f -> f.field("price").order(SortOrder.Desc))));
            case NEWEST -> options.add(SortOptions.of(o -> o.field(f -> f.field("createdAt").order(SortOrder.Desc))));
            case NAME -> options.add(SortOptions.of(o -> o.field(f -> f.field("name.sort").order(SortOrder.Asc))));
        }
        // a stable tie-break, so paging never shows a product twice or skips one
        options.add(SortOptions.of(o -> o.field(f -> f.field("productId").order(SortOrder.Asc))));
        return options;
    }

    private static List<AggregationRange> priceRanges() {
        List<AggregationRange> ranges = new ArrayList<>();
        for (int i = 0; i < PRICE_STEPS.size(); i++) {
            double from = PRICE_STEPS.get(i).doubleValue();
            Double to = i + 1 < PRICE_STEPS.size() ? PRICE_STEPS.get(i + 1).doubleValue() : null;
            ranges.add(AggregationRange.of(a -> a.from(from).to(to)));
        }
        return ranges;
    }

    private static Query all(Query filter) {
        return filter != null ? filter : Query.of(q -> q.matchAll(m -> m));
    }

    private static Query and(Query a, Query b) {
        if (a == null) return b;
        if (b == null) return a;
        return Query.of(q -> q.bool(x -> x.filter(a, b)));
    }

    private static SearchResult toResult(ProductSearch search, SearchResponse<ProductDocument> response,
                                         Map<String, Map<String, List<String>>> highlights) {
        List<SearchResult.Item> items = new ArrayList<>();
        for (Hit<ProductDocument> hit : response.hits().hits()) {
            items.add(new SearchResult.Item(ProductView.of(hit.source()), highlights.getOrDefault(hit.id(), Map.of())));
        }
        List<SearchResult.CategoryCount> categories = response.aggregations().get("categories").filter()
                .aggregations().get("values").sterms().buckets().array().stream()
                .map(b -> new SearchResult.CategoryCount(b.key().stringValue(), b.docCount()))
                .toList();
        List<RangeBucket> buckets = response.aggregations().get("prices").filter()
                .aggregations().get("ranges").range().buckets().array();
        List<SearchResult.PriceRangeCount> prices = new ArrayList<>();
        for (int i = 0; i < buckets.size(); i++) {
            // buckets come back in the order they were asked for
            prices.add(new SearchResult.PriceRangeCount(PRICE_STEPS.get(i),
                    i + 1 < PRICE_STEPS.size() ? PRICE_STEPS.get(i + 1) : null, buckets.get(i).docCount()));
        }
        long total = response.hits().total() == null ? items.size() : response.hits().total().value();
        return new SearchResult(total, search.page(), search.size(), items, new SearchResult.Facets(categories, prices));
    }
}
