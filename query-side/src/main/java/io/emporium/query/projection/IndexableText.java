package io.emporium.query.projection;

/**
 * Text as a document may hold it: without control characters (Elasticsearch refuses some of them, e.g. U+001F in a
 * completion field, and they mean nothing to a reader) and without unpaired surrogates. The command API refuses such
 * text; this keeps events stored before it did, or written by other means, projectable.
 */
public final class IndexableText {

    private IndexableText() {
    }

    /** Single-line text (names, categories, ids): every control character dropped. */
    public static String line(String text) {
        return clean(text, false);
    }

    /** Multi-line text (descriptions): line breaks and tabs kept, other control characters dropped. */
    public static String paragraph(String text) {
        return clean(text, true);
    }

    private static String clean(String text, boolean keepLineBreaks) {
        if (text == null || isClean(text, keepLineBreaks)) return text;
        StringBuilder cleaned = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                cleaned.append(c).append(text.charAt(++i));
            } else if (allowed(c, keepLineBreaks)) {
                cleaned.append(c);
            }
        }
        return cleaned.toString();
    }

    private static boolean isClean(String text, boolean keepLineBreaks) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c) || !allowed(c, keepLineBreaks)) return false;
        }
        return true;
    }

    private static boolean allowed(char c, boolean keepLineBreaks) {
        if (Character.isSurrogate(c)) return false;
        if (!Character.isISOControl(c)) return true;
        return keepLineBreaks && (c == '\n' || c == '\r' || c == '\t');
    }
}
