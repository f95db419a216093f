package io.emporium.api.catalogue;

/** What values an attribute takes: a word or phrase, a number in the declaration's unit, or yes/no. */
public enum AttributeType {
    TEXT, NUMBER, BOOLEAN
}
