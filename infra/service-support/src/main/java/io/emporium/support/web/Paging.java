package io.emporium.support.web;

/** Page and size limits of every list: 1 to 100 items a page, and no deeper than Elasticsearch's result window. */
public final class Paging {

    public static final int MAX_SIZE = 100;
    /** Elasticsearch's default max_result_window: deeper pages would need search_after, not from/size. */
    public static final int MAX_RESULT_WINDOW = 10_000;

    private Paging() {
    }

    public static void check(int page, int size) {
        if (size < 1 || size > MAX_SIZE) throw new InvalidParameterException("size", "size must be between 1 and " + MAX_SIZE);
        if (page < 0) throw new InvalidParameterException("page", "page must be 0 or more");
        if ((long) (page + 1) * size > MAX_RESULT_WINDOW) {
            throw new InvalidParameterException("page", "page and size reach beyond the first " + MAX_RESULT_WINDOW
                    + " results; narrow the search");
        }
    }
}
