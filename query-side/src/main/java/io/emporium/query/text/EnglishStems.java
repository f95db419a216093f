package io.emporium.query.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.StringJoiner;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * English stems of a text ("Stoneware mugs" → "stonewar mug"), made by Lucene's {@link EnglishAnalyzer}: the
 * analyzer Elasticsearch's {@code english} is built of, which the core distribution we run does not ship. Documents
 * hold the stems of their text in a field Elasticsearch splits on whitespace only, and queries are stemmed the same
 * way here, so "mugs" finds "mug" and the reverse.
 */
public final class EnglishStems {

    /** Thread-safe: Lucene keeps one token stream per thread. */
    private static final Analyzer ENGLISH = new EnglishAnalyzer();

    private EnglishStems() {
    }

    /** The stems, separated by single spaces; empty for null or a text of stop words only. */
    public static String of(String text) {
        if (text == null || text.isBlank()) return "";
        StringJoiner stems = new StringJoiner(" ");
        try (TokenStream tokens = ENGLISH.tokenStream("text", text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) stems.add(term);
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException("Reading a string cannot fail", e);
        }
        return stems.toString();
    }
}
