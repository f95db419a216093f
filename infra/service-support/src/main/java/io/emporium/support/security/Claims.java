package io.emporium.support.security;

import java.util.Map;

/** A claim by its path: {@code realm_access.roles} is the {@code roles} member of the {@code realm_access} object. */
final class Claims {

    private Claims() {
    }

    static Object at(Map<String, Object> claims, String path) {
        if (claims.containsKey(path)) return claims.get(path);
        Object value = claims;
        for (String name : path.split("\\.")) {
            if (!(value instanceof Map<?, ?> object)) return null;
            value = object.get(name);
        }
        return value;
    }
}
