package io.emporium.api.catalogue;

/**
 * TWO_WAY: every term finds what each of the others finds ({@code sofa, couch}). ONE_WAY: the first term also finds
 * what the others find, not the reverse ({@code tee} finds t-shirts; {@code t-shirt} does not find tees).
 */
public enum SynonymKind {
    TWO_WAY, ONE_WAY
}
