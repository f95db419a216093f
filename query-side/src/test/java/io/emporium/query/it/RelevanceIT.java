package io.emporium.query.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.emporium.api.Money;
import io.emporium.api.product.CatalogueDetails;
import io.emporium.api.catalogue.AttributeDeclaredEvent;
import io.emporium.api.catalogue.AttributeType;
import io.emporium.api.catalogue.SynonymKind;
import io.emporium.api.catalogue.SynonymsDefinedEvent;
import io.emporium.api.product.AttributeValue;
import io.emporium.api.product.ProductCreatedEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Relevance must not pay for speed: a judged set of 160 queries ({@code relevance/judged-queries.tsv}: misspellings,
 * prefixes, several words, category words, product numbers, plurals and singulars, synonyms, brands, attribute words
 * such as "red mug" or "45 l backpack", and several of those at once) over a seeded catalogue of 800 products and the
 * variants of some of them (brands, category paths, colours, capacities), each query with a rule saying which
 * products should come first. nDCG@10 and MRR through the service's search, against real Elasticsearch; the figures
 * may never drop below the ones recorded here.
 */
class RelevanceIT {

    /**
     * First recorded 2026-11-27 at 0.850 / 0.850 over 40 queries (fuzzy multi_match on name and description, prefix on
     * name), then 1.000 once category names were searched. Over these 160 queries, judged by article (a variant shown
     * again gains nothing), on 2026-12-05: 0.4468 / 0.5253 with the search of before (no stems, synonyms, brands,
     * attributes, paths or collapsing; the same test run on it); 0.9904 / 0.9885 with them; 1.000 / 1.000 once synonyms
     * also replaced the words as typed (a typo next to a synonym: "wireles earphones") and a brand's name weighed more
     * than the same word in a description ("everyday notebook"). The set is the team's own, not a shop's query log.
     */
    static final double RECORDED_NDCG_AT_10 = 1.000;
    static final double RECORDED_MRR = 1.000;

    private static final int PRODUCTS = 800;
    private static final List<String> CATEGORIES = List.of("kitchen", "outdoor", "apparel", "electronics", "books", "toys",
            "garden", "sports", "beauty", "office");
    private static final List<String> ADJECTIVES = List.of("Classic", "Compact", "Rugged", "Lightweight", "Premium", "Vintage",
            "Modern", "Handmade", "Waterproof", "Ergonomic", "Organic", "Foldable", "Wireless", "Insulated", "Minimal");
    private static final List<String> MATERIALS = List.of("Stoneware", "Oak", "Steel", "Linen", "Wool", "Cotton", "Bamboo",
            "Leather", "Ceramic", "Copper", "Canvas", "Walnut", "Glass", "Titanium", "Cork");
    private static final List<String> NOUNS = List.of("Mug", "Jacket", "Lamp", "Backpack", "Kettle", "Notebook", "Skillet",
            "Headphones", "Blanket", "Planter", "Teapot", "Bottle", "Chair", "Watch", "Speaker", "Candle", "Scarf", "Tent",
            "Grinder", "Desk");
    private static final List<String> USES = List.of("for everyday use", "built to last for years", "for cold mornings",
            "for the weekend trip", "that fits in any bag", "made in small batches", "for the home office");
    private static final List<String> BRANDS = List.of("Northwind", "Acme", "Fjord", "Lumo", "Kestrel", "Tamarind", "Oakhill",
            "Brightwater", "Pinecrest", "Solace", "Marlow", "Everyday");
    private static final List<String> COLOURS = List.of("red", "blue", "green", "black", "white", "grey", "yellow");
    private static final List<String> CONTAINERS = List.of("Mug", "Backpack", "Kettle", "Bottle", "Teapot");
    private static final List<String> CAPACITIES = List.of("0.3", "0.5", "1", "1.5", "20", "45");
    /** Every fifth product comes in two more colours: variants of one article (same group), each a product of its own. */
    private static final int VARIANTS_EVERY = 5;

    private static QueryService service;
    private static final Map<String, ProductCreatedEvent> catalogue = new LinkedHashMap<>();

    @BeforeAll
    static void loadTheCatalogue() {
        service = QueryService.startOnFreshStore();
        Random random = new Random(20261127);
        Random extras = new Random(20261205); // brands, attributes and variants; the words of the products are as before
        List<Map.Entry<String, Object>> events = new ArrayList<>();
        int variantNumber = PRODUCTS;
        for (int n = 1; n <= PRODUCTS; n++) {
            String adjective = pick(random, ADJECTIVES);
            String material = pick(random, MATERIALS);
            String noun = pick(random, NOUNS);
            String id = "p-" + n;
            String description = "A " + adjective.toLowerCase(Locale.ROOT) + " " + noun.toLowerCase(Locale.ROOT) + " of "
                    + material.toLowerCase(Locale.ROOT) + " " + pick(random, USES) + ".";
            String category = pick(random, CATEGORIES) + "/" + noun.toLowerCase(Locale.ROOT) + (noun.endsWith("s") ? "" : "s");
            Money price = new Money(new BigDecimal(5 + random.nextInt(200) + ".99"), "EUR");
            int stock = 1 + random.nextInt(50);
            String brand = pick(extras, BRANDS);
            String capacity = CONTAINERS.contains(noun) ? pick(extras, CAPACITIES) : null;
            boolean hasVariants = n % VARIANTS_EVERY == 0;
            String colour = pick(extras, COLOURS);
            add(events, new ProductCreatedEvent(id, "SKU-" + n, adjective + " " + material + " " + noun + " N" + n, description, category,
                    price, stock, details(brand, hasVariants ? "g-" + n : null, colour, capacity)));
            if (hasVariants) {
                for (String other : COLOURS.stream().filter(c -> !c.equals(colour)).limit(2).toList()) {
                    int v = ++variantNumber;
                    add(events, new ProductCreatedEvent("p-" + v, "SKU-" + v, adjective + " " + material + " " + noun + " N" + v, description,
                            category, new Money(price.amount().add(BigDecimal.ONE), "EUR"), stock, details(brand, "g-" + n, other, capacity)));
                }
            }
        }
        service.events().appendAll("Product", events);
        service.events().appendAll("Attribute", List.of(
                Map.entry("colour", new AttributeDeclaredEvent("colour", "Colour", AttributeType.TEXT, null, true)),
                Map.entry("capacity", new AttributeDeclaredEvent("capacity", "Capacity", AttributeType.NUMBER, "l", true))));
        List<Map.Entry<String, Object>> synonyms = new ArrayList<>();
        for (List<String> twoWay : List.of(List.of("backpack", "rucksack"), List.of("bottle", "flask"), List.of("headphones", "earphones"))) {
            synonyms.add(Map.entry("s-" + synonyms.size(), new SynonymsDefinedEvent("s-" + synonyms.size(), SynonymKind.TWO_WAY, twoWay)));
        }
        for (List<String> oneWay : List.of(List.of("cup", "mug"), List.of("coat", "jacket"), List.of("pan", "skillet"), List.of("notepad", "notebook"),
                List.of("table", "desk"), List.of("seat", "chair"), List.of("throw", "blanket"))) {
            synonyms.add(Map.entry("s-" + synonyms.size(), new SynonymsDefinedEvent("s-" + synonyms.size(), SynonymKind.ONE_WAY, oneWay)));
        }
        service.events().appendAll("SynonymRule", synonyms);
        service.awaitCaughtUp("products", Duration.ofSeconds(60));
        service.refresh();
        // the rules are read from the event log every second
        await().atMost(Duration.ofSeconds(10)).until(() -> QueryService.json(service.get("/api/attributes")).size() == 2);
    }

    private static String article(ProductCreatedEvent product) {
        return product.catalogue().group() != null ? product.catalogue().group() : product.productId();
    }

    private static void add(List<Map.Entry<String, Object>> events, ProductCreatedEvent created) {
        catalogue.put(created.productId(), created);
        events.add(Map.entry(created.productId(), created));
    }

    private static CatalogueDetails details(String brand, String group, String colour, String capacity) {
        List<AttributeValue> values = new ArrayList<>();
        if (capacity != null) values.add(AttributeValue.number("capacity", new BigDecimal(capacity)));
        values.add(AttributeValue.text("colour", colour));
        return new CatalogueDetails(brand, group, values, List.of());
    }

    @AfterAll
    static void stop() {
        if (service != null) service.close();
    }

    @Test
    void theJudgedQueriesRankWhatShouldComeFirstAtLeastAsWellAsRecorded() throws IOException {
        Map<String, List<double[]>> byClass = new TreeMap<>();
        List<String> judgingNothing = judgedQueries().stream()
                .filter(judged -> catalogue.values().stream().noneMatch(rule(judged[2]))).map(judged -> judged[1]).toList();
        assertThat(judgingNothing).as("judged queries whose rule names no product of the catalogue").isEmpty();
        for (String[] judged : judgedQueries()) {
            // judged by article: search shows one hit per group of variants, relevant when any variant of it is
            Set<String> relevant = catalogue.values().stream().filter(rule(judged[2])).map(RelevanceIT::article).collect(Collectors.toSet());
            JsonNode found = QueryService.json(service.get("/api/products/search?size=10&q=" + QueryService.encode(judged[1])));
            List<String> ranked = new ArrayList<>();
            // an article shown again (another of its variants) adds nothing a shopper had not seen
            found.get("items").forEach(item -> {
                String article = article(catalogue.get(item.get("productId").asText()));
                ranked.add(ranked.contains(article) ? "again:" + article : article);
            });
            double ndcg = ndcgAt10(ranked, relevant);
            if (ndcg < 0.7) System.out.printf("relevance weak: %-22s nDCG@10 %.3f (%s)%n", judged[1], ndcg, judged[0]);
            byClass.computeIfAbsent(judged[0], c -> new ArrayList<>()).add(new double[] {ndcg, reciprocalRank(ranked, relevant)});
        }
        double ndcg = mean(byClass, 0);
        double mrr = mean(byClass, 1);
        byClass.forEach((name, scores) -> System.out.printf("relevance %-9s nDCG@10 %.3f  MRR %.3f  (%d queries)%n", name,
                scores.stream().mapToDouble(s -> s[0]).average().orElse(0), scores.stream().mapToDouble(s -> s[1]).average().orElse(0), scores.size()));
        System.out.printf("relevance all       nDCG@10 %.4f  MRR %.4f%n", ndcg, mrr);
        assertThat(ndcg).as("nDCG@10 over the judged set").isGreaterThanOrEqualTo(RECORDED_NDCG_AT_10);
        assertThat(mrr).as("MRR over the judged set").isGreaterThanOrEqualTo(RECORDED_MRR);
    }

    /** Binary relevance: DCG of the ranking over the DCG of an ideal one. */
    static double ndcgAt10(List<String> ranked, Set<String> relevant) {
        double dcg = 0;
        for (int i = 0; i < Math.min(10, ranked.size()); i++) {
            if (relevant.contains(ranked.get(i))) dcg += 1 / log2(i + 2);
        }
        double ideal = 0;
        for (int i = 0; i < Math.min(10, relevant.size()); i++) ideal += 1 / log2(i + 2);
        return dcg / ideal;
    }

    static double reciprocalRank(List<String> ranked, Set<String> relevant) {
        for (int i = 0; i < ranked.size(); i++) if (relevant.contains(ranked.get(i))) return 1.0 / (i + 1);
        return 0;
    }

    /** Rules joined by {@code &} all hold. */
    private static Predicate<ProductCreatedEvent> rule(String rules) {
        Predicate<ProductCreatedEvent> all = p -> true;
        for (String rule : rules.split("&")) all = all.and(one(rule));
        return all;
    }

    private static Predicate<ProductCreatedEvent> one(String rule) {
        String[] kindAndValue = rule.split(":", 2);
        String value = kindAndValue[1].toLowerCase(Locale.ROOT);
        return switch (kindAndValue[0]) {
            case "words" -> p -> words(p).containsAll(List.of(value.split(",")));
            case "prefix" -> p -> words(p).stream().anyMatch(w -> w.startsWith(value));
            case "category" -> p -> p.category().equals(value) || p.category().startsWith(value + "/");
            case "number" -> p -> p.name().endsWith(" N" + value);
            case "brand" -> p -> value.equalsIgnoreCase(p.catalogue().brand());
            case "attr" -> p -> p.catalogue().attributes().stream().anyMatch(a -> (a.attribute() + "=" + a.shown()).equals(value));
            default -> throw new IllegalArgumentException("Unknown rule " + rule);
        };
    }

    private static List<String> words(ProductCreatedEvent product) {
        return List.of(product.name().toLowerCase(Locale.ROOT).split(" "));
    }

    private static List<String[]> judgedQueries() throws IOException {
        try (InputStream in = RelevanceIT.class.getResourceAsStream("/relevance/judged-queries.tsv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#")).map(line -> line.split("\t")).toList();
        }
    }

    private static double mean(Map<String, List<double[]>> byClass, int measure) {
        return byClass.values().stream().flatMap(List::stream).mapToDouble(s -> s[measure]).average().orElse(0);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    private static <T> T pick(Random random, List<T> from) {
        return from.get(random.nextInt(from.size()));
    }
}
