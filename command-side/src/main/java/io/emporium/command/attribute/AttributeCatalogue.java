package io.emporium.command.attribute;

import java.util.Collection;
import java.util.Map;

import io.emporium.api.catalogue.AttributeType;

/**
 * The set-based rule "an attribute is declared once, with one type": claimed in the same transaction as the
 * declaration's event (as SKUs are), and read by product commands to check their values.
 */
public interface AttributeCatalogue {

    /** @return false when an attribute of that name is declared already */
    boolean declare(String name, AttributeType type);

    /** The declared type of each of these names that is declared (the others are left out). */
    Map<String, AttributeType> typesOf(Collection<String> names);
}
