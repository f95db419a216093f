package io.emporium.query.merchandising;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.emporium.api.catalogue.SynonymKind;
import io.emporium.query.text.EnglishStems;

/**
 * The synonym rules as query-time expansion, over stems: a query's stems with a rule's term in them give variants with
 * the term replaced by each of its synonyms ({@code red tee} → {@code red t shirt}). Stems on both sides, so
 * {@code tees} is expanded as {@code tee} is, and a synonym finds its plurals.
 */
public final class Synonyms {

    static final Synonyms NONE = new Synonyms(Map.of());
    /** A query with many matching rules searches for this many variants at most. */
    static final int MAX_VARIANTS = 16;

    /** The stems of a term, by its first stem, with the stems it expands into. */
    private final Map<String, List<Expansion>> byFirstStem;

    /** @param into the stems it expands into, each with the words of its synonym as the rule gives them */
    private record Expansion(List<String> term, Map<String, String> into) {
    }

    /** A query with a rule's term replaced: by stems (to match the documents' stems) and by words (to match with typos). */
    public record Variant(String stems, String words) {
    }

    private Synonyms(Map<String, List<Expansion>> byFirstStem) {
        this.byFirstStem = byFirstStem;
    }

    static Synonyms of(List<SynonymRuleView> rules) {
        Map<List<String>, Map<String, String>> expansions = new HashMap<>();
        for (SynonymRuleView rule : rules) {
            List<String> terms = rule.terms().stream().filter(t -> !EnglishStems.of(t).isEmpty()).toList();
            for (int i = 0; i < terms.size(); i++) {
                if (rule.kind() == SynonymKind.ONE_WAY && i > 0) break;
                String stems = EnglishStems.of(terms.get(i));
                for (int j = 0; j < terms.size(); j++) {
                    String into = EnglishStems.of(terms.get(j));
                    if (i != j && !stems.equals(into)) {
                        expansions.computeIfAbsent(words(stems), t -> new LinkedHashMap<>()).putIfAbsent(into, terms.get(j));
                    }
                }
            }
        }
        Map<String, List<Expansion>> byFirst = new HashMap<>();
        expansions.forEach((term, into) -> byFirst.computeIfAbsent(term.get(0), f -> new ArrayList<>()).add(new Expansion(term, into)));
        return new Synonyms(byFirst);
    }

    /** The variants of a query's stems (space-separated), without the query itself; none without a matching rule. */
    public List<String> variants(String stems) {
        return variantsOf(stems).stream().map(Variant::stems).toList();
    }

    /**
     * The variants of a query as typed: each word is stemmed on its own, so that a rule's term found among the stems
     * can be replaced in the words too ("wireles earphones" → "wireles headphones", which typo tolerance then finds).
     */
    public List<Variant> variantsOf(String text) {
        if (byFirstStem.isEmpty() || text == null || text.isBlank()) return List.of();
        List<String> typed = new ArrayList<>();
        List<String> stems = new ArrayList<>();
        List<Integer> wordOfStem = new ArrayList<>();
        for (String word : text.trim().split("\\s+")) {
            typed.add(word);
            for (String stem : words(EnglishStems.of(word))) {
                if (stem.isEmpty()) continue;
                stems.add(stem);
                wordOfStem.add(typed.size() - 1);
            }
        }
        Set<Variant> variants = new LinkedHashSet<>();
        for (int at = 0; at < stems.size(); at++) {
            for (Expansion expansion : byFirstStem.getOrDefault(stems.get(at), List.of())) {
                int end = at + expansion.term().size();
                if (end > stems.size() || !stems.subList(at, end).equals(expansion.term())) continue;
                for (Map.Entry<String, String> into : expansion.into().entrySet()) {
                    List<String> stemVariant = new ArrayList<>(stems.subList(0, at));
                    stemVariant.addAll(words(into.getKey()));
                    stemVariant.addAll(stems.subList(end, stems.size()));
                    List<String> wordVariant = new ArrayList<>(typed.subList(0, wordOfStem.get(at)));
                    wordVariant.add(into.getValue());
                    wordVariant.addAll(typed.subList(wordOfStem.get(end - 1) + 1, typed.size()));
                    variants.add(new Variant(String.join(" ", stemVariant), String.join(" ", wordVariant)));
                    if (variants.size() == MAX_VARIANTS) return List.copyOf(variants);
                }
            }
        }
        return List.copyOf(variants);
    }

    private static List<String> words(String stems) {
        return Arrays.asList(stems.split(" "));
    }
}
