package io.emporium.command.product;

import java.util.Arrays;
import java.util.stream.Collectors;

import io.emporium.command.InvalidCommandException;

/** A category as a path from the top ({@code home/kitchen/mugs}): levels trimmed, none empty, a few at most. */
final class CategoryPath {

    static final int MAX_LEVELS = 5;

    private CategoryPath() {
    }

    static String normalised(String category) {
        String[] levels = category.split("/", -1);
        if (levels.length > MAX_LEVELS) throw new InvalidCommandException("category: at most " + MAX_LEVELS + " levels");
        if (Arrays.stream(levels).anyMatch(level -> level.isBlank())) {
            throw new InvalidCommandException("category: a path of levels separated by '/', none of them empty");
        }
        return Arrays.stream(levels).map(String::trim).collect(Collectors.joining("/"));
    }
}
