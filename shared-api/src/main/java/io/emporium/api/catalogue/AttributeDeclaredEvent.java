package io.emporium.api.catalogue;

/** @param unit of a NUMBER attribute ({@code l}, {@code cm}), else null; @param filterable whether search offers it as a facet */
public record AttributeDeclaredEvent(String name, String label, AttributeType type, String unit, boolean filterable) {
}
