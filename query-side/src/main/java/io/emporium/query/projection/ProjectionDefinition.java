package io.emporium.query.projection;

/**
 * One projection of the read model (products, orders): its name, which is also the name of its alias and of its
 * settings and mappings file {@code elasticsearch/<name>.json}, and how to make its event handler for one index
 * generation.
 */
public interface ProjectionDefinition {

    String name();

    /** An annotated event handler that writes into the given concrete index. */
    Object handlerFor(String index);
}
