package io.emporium.support.web;


/** Reads {@code If-Match: "<version>"} into the version a command expects its aggregate to have. */
public final class IfMatch {

    private IfMatch() {
    }

    /** @return null when the header is absent or {@code *}: no expectation */
    public static Long expectedVersion(String header) {
        if (header == null || header.isBlank() || header.trim().equals("*")) return null;
        String tag = header.trim();
        if (tag.startsWith("W/")) tag = tag.substring(2);
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) tag = tag.substring(1, tag.length() - 1);
        try {
            long version = Long.parseLong(tag);
            if (version >= 0) return version;
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw new InvalidParameterException("If-Match", "If-Match must be a version as given in an ETag, e.g. \"3\"");
    }
}
