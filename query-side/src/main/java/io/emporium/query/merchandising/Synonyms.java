package io.emporium.query.merchandising;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
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

    private record Expansion(List<String> term, Set<String> into) {
    }

    private Synonyms(Map<String, List<Expansion>> byFirstStem) {
        this.byFirstStem = byFirstStem;
    }

    static Synonyms of(List<SynonymRuleView> rules) {
        Map<List<String>, Set<String>> expansions = new HashMap<>();
        for (SynonymRuleView rule : rules) {
            List<String> stems = rule.terms().stream().map(EnglishStems::of).filter(s -> !s.isEmpty()).toList();
            for (int i = 0; i < stems.size(); i++) {
                if (rule.kind() == SynonymKind.ONE_WAY && i > 0) break;
                for (int j = 0; j < stems.size(); j++) {
                    if (i != j && !stems.get(i).equals(stems.get(j))) {
                        expansions.computeIfAbsent(words(stems.get(i)), t -> new LinkedHashSet<>()).add(stems.get(j));
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
        if (byFirstStem.isEmpty() || stems.isEmpty()) return List.of();
        List<String> words = words(stems);
        Set<String> variants = new LinkedHashSet<>();
        for (int at = 0; at < words.size(); at++) {
            for (Expansion expansion : byFirstStem.getOrDefault(words.get(at), List.of())) {
                int end = at + expansion.term().size();
                if (end > words.size() || !words.subList(at, end).equals(expansion.term())) continue;
                for (String into : expansion.into()) {
                    List<String> variant = new ArrayList<>(words.subList(0, at));
                    variant.addAll(words(into));
                    variant.addAll(words.subList(end, words.size()));
                    variants.add(String.join(" ", variant));
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
