package io.emporium.testsupport;

import java.util.Map;

/** Settings for a Spring Boot application started in a test's JVM. */
public final class SpringArguments {

    private SpringArguments() {
    }

    /**
     * As command-line arguments: they win over application.yml, as the environment does for a real service.
     * {@code extra} are {@code name=value} pairs that override the rest.
     */
    public static String[] of(Map<String, ?> properties, String... extra) {
        java.util.Map<String, Object> all = new java.util.LinkedHashMap<>(properties);
        for (String property : extra) {
            String[] nameAndValue = property.split("=", 2);
            all.put(nameAndValue[0], nameAndValue[1]);
        }
        return all.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }
}
