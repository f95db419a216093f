package io.emporium.command.web;

/**
 * What text a request may carry: no control characters (line breaks and tabs only in multi-line text). They mean
 * nothing to a reader, and the search index refuses some of them: a name with U+001F once stopped the products
 * projection.
 */
public final class TextRules {

    public static final String LINE = "\\P{Cc}*";
    public static final String LINE_MESSAGE = "must not contain control characters";
    public static final String PARAGRAPH = "[\\P{Cc}\\n\\r\\t]*";
    public static final String PARAGRAPH_MESSAGE = "must not contain control characters other than line breaks and tabs";

    private TextRules() {
    }
}
