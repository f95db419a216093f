package io.emporium.query.projection;

import java.util.Optional;

/**
 * What the projections need of the store of their documents' indices: the generations of a projection
 * ({@code products_v1}, {@code products_v2}, …) and the alias in front of them ({@code products}). The search engine's
 * adapter implements it, so that supervising, rebuilding and swapping know no client library.
 */
public interface IndexGenerations {

    IndexProperties names();

    boolean exists(String index);

    /** Creates a generation's index unless it exists; one for a rebuild is tuned for bulk writes until it goes live. */
    void create(String projection, int generation, boolean forRebuild);

    /**
     * Adds the fields of the projection's current mapping that a generation's index lacks (a new field is a compatible
     * change: no rebuild). A mapping that changed otherwise is left as it is and logged: that takes a rebuild.
     */
    void addNewFields(String projection, int generation);

    /** Gives a rebuilt index its normal settings back and makes everything in it searchable. */
    void prepareForSearch(String index);

    /** The highest generation of the projection that has an index (0: none), live, retired or left over. */
    int highestGeneration(String projection);

    /**
     * Points the alias at one generation, atomically and only ever forward.
     *
     * @return whether the alias now points at that generation
     */
    boolean pointAlias(String projection, int generation);

    /** The index the alias points at, if the alias exists. */
    Optional<String> aliasTarget(String projection);

    void delete(String index);
}
