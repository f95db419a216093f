package io.emporium.api.catalogue;

public record AttributeChangedEvent(String name, String label, boolean filterable) {
}
