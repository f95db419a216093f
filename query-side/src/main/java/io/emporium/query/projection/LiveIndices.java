package io.emporium.query.projection;

import java.util.Optional;

/**
 * Which concrete index a projection's live processor writes on this instance ({@code products_v3}): what reads name
 * their cache entries by, so that a rebuild's alias swap starts them afresh. Empty while no live processor runs here.
 */
public interface LiveIndices {

    Optional<String> liveIndex(String projection);
}
