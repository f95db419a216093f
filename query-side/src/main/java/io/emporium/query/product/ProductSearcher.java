package io.emporium.query.product;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.SuggestMode;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
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
import io.emporium.query.merchandising.DeclaredAttribute;
import io.emporium.query.merchandising.MerchandisingRules;
import io.emporium.query.merchandising.Synonyms;
import io.emporium.query.projection.IndexProperties;
import io.emporium.query.searchinsight.ZeroResultQueries;
import io.emporium.query.text.EnglishStems;
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

    /** Fields only search uses: not fetched with hits. */
    static final List<String> SEARCH_ONLY_FIELDS = List.of("suggest", "fieldVersions", "categoryLevels", "groupKey", "attributeValues",
            "attributeText", "nameStems", "textStems");
    static final List<String> VARIANT_FIELDS = List.of("productId", "sku", "name", "group", "price", "currency", "onHand", "reserved",
            "available", "inStock", "attributes", "images", "status", "version");
    static final int MAX_VARIANTS = 20;

    private final ElasticsearchClient client;
    private final String alias;
    private final Timer searchLatency;
    private final MerchandisingRules rules;
    private final ZeroResultQueries zeroResults;
    private final Predicate<String> collapseReady;
    private volatile UnitsPattern unitsPattern = new UnitsPattern(List.of(), null);

    public ProductSearcher(@Qualifier("searchClient") ElasticsearchClient client, IndexProperties names, MeterRegistry registry,
                           MerchandisingRules rules, CollapseReadiness collapseReady, ZeroResultQueries zeroResults) {
        this.client = client;
        this.zeroResults = zeroResults;
        this.rules = rules;
        this.collapseReady = collapseReady;
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
            SearchRequest third = variantsRequest(search, found);
            if (third != null) sent.add(described(third));
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
            SearchResult result = toResult(search, found, highlights(search, found), variants(search, found));
            if (result.total() == 0 && hasText(search)) zeroResults.record(search.text());
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("Product search failed", e);
        }
    }

    /**
     * The variants that match of each group on the page, cheapest first, in one request (collapse's own inner hits would
     * run one search per hit). Products of no group have none, and a page without groups sends nothing.
     */
    private Map<String, List<SearchResult.Variant>> variants(ProductSearch search, SearchResponse<ProductDocument> found) throws IOException {
        SearchRequest request = variantsRequest(search, found);
        if (request == null) return Map.of();
        Map<String, List<SearchResult.Variant>> byGroup = new LinkedHashMap<>();
        for (Hit<ProductDocument> hit : client.search(request, ProductDocument.class).hits().hits()) {
            List<SearchResult.Variant> variants = byGroup.computeIfAbsent(hit.source().group(), g -> new ArrayList<>());
            if (variants.size() < MAX_VARIANTS) variants.add(variant(hit.source()));
        }
        return byGroup;
    }

    private SearchRequest variantsRequest(ProductSearch search, SearchResponse<ProductDocument> found) {
        if (!collapsed(search)) return null;
        List<FieldValue> groups = found.hits().hits().stream().map(hit -> hit.source().group()).filter(Objects::nonNull)
                .distinct().map(FieldValue::of).toList();
        if (groups.isEmpty()) return null;
        Filters filters = Filters.of(search, rules);
        return SearchRequest.of(s -> s.index(alias).size(Math.min(groups.size() * MAX_VARIANTS, 500)).requestCache(true)
                .query(q -> q.bool(b -> b.must(mainQuery(search, rules.synonyms())).filter(filters.all())
                        .filter(f -> f.terms(t -> t.field("group").terms(v -> v.value(groups))))))
                .sort(so -> so.field(f -> f.field("price").order(SortOrder.Asc)))
                .sort(so -> so.field(f -> f.field("productId").order(SortOrder.Asc)))
                .source(src -> src.filter(f -> f.includes(VARIANT_FIELDS))));
    }

    private boolean collapsed(ProductSearch search) {
        return search.collapse() && collapseReady.test(alias);
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
        Filters filters = Filters.of(search, rules);
        boolean collapse = collapsed(search);
        return SearchRequest.of(s -> {
                s.index(alias).from(search.from()).size(search.size()).trackTotalHits(t -> t.enabled(true)).requestCache(true)
                        .query(mainQuery(search, rules.synonyms()))
                        .sort(sort(search.sort()))
                        .source(src -> src.filter(f -> f.excludes(SEARCH_ONLY_FIELDS)))
                        .aggregations("categories", a -> a.filter(filters.allBut(Filters.CATEGORY))
                                .aggregations("values", v -> v.terms(t -> t.field("categoryLevels").size(200))))
                        .aggregations("prices", a -> a.filter(filters.allBut(Filters.PRICE))
                                .aggregations("ranges", v -> v.range(r -> r.field("price").ranges(priceRanges()))))
                        .aggregations("brands", a -> a.filter(filters.allBut(Filters.BRAND))
                                .aggregations("values", v -> v.terms(t -> t.field("brand").size(50))))
                        .aggregations("articles", a -> a.filter(filters.all())
                                .aggregations("count", v -> v.cardinality(c -> c.field("groupKey").precisionThreshold(3000))));
                // each filterable attribute counted with the other filters: those not filtered by share one count
                List<String> unfiltered = new ArrayList<>();
                for (var attribute : filterableAttributes()) {
                    if (filters.has(Filters.attribute(attribute.name()))) {
                        s.aggregations("attribute:" + attribute.name(), a -> a.filter(filters.allBut(Filters.attribute(attribute.name())))
                                .aggregations("values", v -> v.terms(t -> t.field("attributeValues").size(100)
                                        .include(i -> i.regexp(attribute.name() + "=.*")))));
                    } else {
                        unfiltered.add(attribute.name());
                    }
                }
                if (!unfiltered.isEmpty()) {
                    s.aggregations("attributes", a -> a.filter(filters.all())
                            .aggregations("values", v -> v.terms(t -> t.field("attributeValues").size(100 * unfiltered.size())
                                    .include(i -> i.regexp("(" + String.join("|", unfiltered) + ")=.*")))));
                }
                Query post = filters.all();
                if (!filters.isEmpty()) s.postFilter(post);
                if (collapse) s.collapse(c -> c.field("groupKey"));
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
     * The text with the units of number attributes taken off the numbers they follow ("45 l backpack", "45l backpack":
     * "45 backpack"), since documents hold attribute numbers without their unit.
     */
    String withoutUnits(String text) {
        List<String> units = rules.attributes().stream().map(DeclaredAttribute::unit)
                .filter(unit -> unit != null && !unit.isBlank()).distinct().toList();
        if (units.isEmpty()) return text;
        UnitsPattern compiled = unitsPattern;
        if (!compiled.units().equals(units)) unitsPattern = compiled = UnitsPattern.of(units);
        return compiled.pattern().matcher(text).replaceAll("$1");
    }

    /** The pattern of a number followed by one of the units, compiled once per set of declared units. */
    private record UnitsPattern(List<String> units, Pattern pattern) {
        static UnitsPattern of(List<String> units) {
            String alternatives = units.stream().map(Pattern::quote).collect(Collectors.joining("|"));
            return new UnitsPattern(units, Pattern.compile("(?i)(\\d+(?:[.,]\\d+)?)\\s*(?:" + alternatives + ")(?![\\p{L}\\p{N}])"));
        }
    }

    private List<DeclaredAttribute> filterableAttributes() {
        return rules.attributes().stream().filter(DeclaredAttribute::filterable)
                .sorted(Comparator.comparing(DeclaredAttribute::name)).toList();
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

    /**
     * The text matches in any of four ways: typo-tolerant words over name, brand, description and attribute values; the
     * last word as a prefix; a category's name; or the English stems of the words (so "mugs" finds "mug"), also with a
     * synonym rule's term replaced by each of its synonyms.
     */
    private Query mainQuery(ProductSearch search, Synonyms synonyms) {
        return Query.of(q -> q.bool(b -> {
            if (hasText(search)) {
                String words = withoutUnits(search.text());
                String stems = EnglishStems.of(words);
                b.must(m -> m.bool(text -> {
                    text.should(s -> s.multiMatch(mm -> mm.query(words).fields("name^3", "brand.text^4", "description", "attributeText")
                                    .type(TextQueryType.CrossFields).operator(Operator.And)))
                            .should(s -> s.multiMatch(mm -> mm.query(search.text()).fields("name^3", "description")
                                    .type(TextQueryType.BestFields).fuzziness("AUTO").prefixLength(1).operator(Operator.And)))
                            // the last word may still be being typed: match it as a prefix
                            .should(s -> s.matchBoolPrefix(p -> p.field("name").query(search.text()).boost(2f)))
                            // a category's name ("kitchen") finds the category's products
                            .should(s -> s.term(t -> t.field("categoryLevels").value(search.text().trim()).caseInsensitive(true)));
                    if (!stems.isEmpty()) {
                        text.should(s -> s.match(mt -> mt.field("nameStems").query(stems).operator(Operator.And).boost(2f)))
                                .should(s -> s.match(mt -> mt.field("textStems").query(stems).operator(Operator.And)));
                        for (Synonyms.Variant variant : synonyms.variantsOf(words)) {
                            text.should(s -> s.match(mt -> mt.field("textStems").query(variant.stems()).operator(Operator.And)))
                                    .should(s -> s.multiMatch(mm -> mm.query(variant.words()).fields("name^3", "description")
                                            .type(TextQueryType.BestFields).fuzziness("AUTO").prefixLength(1).operator(Operator.And)));
                        }
                    }
                    return text.minimumShouldMatch("1");
                }));
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

    private SearchResult toResult(ProductSearch search, SearchResponse<ProductDocument> response,
                                  Map<String, Map<String, List<String>>> highlights, Map<String, List<SearchResult.Variant>> variants) {
        List<SearchResult.Item> items = new ArrayList<>();
        for (Hit<ProductDocument> hit : response.hits().hits()) {
            List<SearchResult.Variant> ofGroup = hit.source().group() == null ? List.of() : variants.getOrDefault(hit.source().group(), List.of());
            items.add(new SearchResult.Item(ProductView.of(hit.source()), highlights.getOrDefault(hit.id(), Map.of()), ofGroup));
        }
        var aggregations = response.aggregations();
        List<SearchResult.CategoryCount> categories = aggregations.get("categories").filter().aggregations().get("values").sterms()
                .buckets().array().stream()
                .map(b -> new SearchResult.CategoryCount(b.key().stringValue(), b.key().stringValue().split("/").length, b.docCount()))
                .toList();
        List<RangeBucket> buckets = aggregations.get("prices").filter().aggregations().get("ranges").range().buckets().array();
        List<SearchResult.PriceRangeCount> prices = new ArrayList<>();
        for (int i = 0; i < buckets.size(); i++) {
            // buckets come back in the order they were asked for
            prices.add(new SearchResult.PriceRangeCount(PRICE_STEPS.get(i),
                    i + 1 < PRICE_STEPS.size() ? PRICE_STEPS.get(i + 1) : null, buckets.get(i).docCount()));
        }
        List<SearchResult.ValueCount> brands = values(aggregations.get("brands"), null);
        List<SearchResult.AttributeFacet> attributes = new ArrayList<>();
        for (var attribute : filterableAttributes()) {
            var own = aggregations.get("attribute:" + attribute.name());
            List<SearchResult.ValueCount> values = values(own != null ? own : aggregations.get("attributes"), attribute.name() + "=");
            if (!values.isEmpty()) attributes.add(new SearchResult.AttributeFacet(attribute.name(), attribute.label(), attribute.unit(), values));
        }
        long total = response.hits().total() == null ? items.size() : response.hits().total().value();
        long articles = aggregations.get("articles").filter().aggregations().get("count").cardinality().value();
        return new SearchResult(total, articles, search.page(), search.size(), items, new SearchResult.Facets(categories, prices, brands, attributes));
    }

    /** The buckets of a filter aggregation's terms; with a prefix, only its values (the prefix taken off). */
    private static List<SearchResult.ValueCount> values(Aggregate filtered, String prefix) {
        if (filtered == null) return List.of();
        return filtered.filter().aggregations().get("values").sterms().buckets().array().stream()
                .filter(b -> prefix == null || b.key().stringValue().startsWith(prefix))
                .map(b -> new SearchResult.ValueCount(prefix == null ? b.key().stringValue() : b.key().stringValue().substring(prefix.length()), b.docCount()))
                .toList();
    }

    private static SearchResult.Variant variant(ProductDocument d) {
        ProductView view = ProductView.of(d);
        return new SearchResult.Variant(view.productId(), view.sku(), view.name(), view.price(), view.available(), view.inStock(),
                view.attributes(), view.images());
    }
}
