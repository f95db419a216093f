package io.emporium.query.projection;

import java.util.HashMap;
import java.util.Map;

/**
 * Makes a document order-safe: each group of fields remembers the sequence number of the event that last set it,
 * and an event only sets a group it is newer for. Every event sets its groups to absolute values (never "add 3"),
 * so duplicated, replayed or reordered deliveries end in the same document as one in-order pass.
 */
public final class FieldVersions {

    private final Map<String, Long> versions;

    public FieldVersions(Map<String, Long> versions) {
        this.versions = versions == null ? new HashMap<>() : new HashMap<>(versions);
    }

    /** Records the event for the group and answers whether it is newer than what set the group before. */
    public boolean claim(String group, long sequence) {
        Long current = versions.get(group);
        if (current != null && current >= sequence) return false;
        versions.put(group, sequence);
        return true;
    }

    public boolean has(String group) {
        return versions.containsKey(group);
    }

    /** The document's version: the newest event applied to it. */
    public long newest() {
        return versions.values().stream().mapToLong(Long::longValue).max().orElse(-1);
    }

    public Map<String, Long> asMap() {
        return Map.copyOf(versions);
    }
}
