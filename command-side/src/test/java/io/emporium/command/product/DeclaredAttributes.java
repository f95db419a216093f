package io.emporium.command.product;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import io.emporium.api.catalogue.AttributeType;
import io.emporium.command.attribute.AttributeCatalogue;

/** The attribute lookup table of the unit tests: a map (the ITs use PostgreSQL's). */
final class DeclaredAttributes implements AttributeCatalogue {

    private final Map<String, AttributeType> types = new HashMap<>();

    @Override
    public boolean declare(String name, AttributeType type) {
        return types.putIfAbsent(name, type) == null;
    }

    @Override
    public Map<String, AttributeType> typesOf(Collection<String> names) {
        Map<String, AttributeType> found = new HashMap<>();
        names.forEach(name -> {
            if (types.containsKey(name)) found.put(name, types.get(name));
        });
        return found;
    }
}
