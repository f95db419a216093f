package io.emporium.query.projection;

import java.time.Instant;

/** What PostgreSQL says of a projection: its live generation and the rebuild that runs, if any. */
public record ProjectionState(String name,
                              int liveGeneration,
                              Integer rebuildGeneration,
                              Instant rebuildStartedAt,
                              String rebuildRequestedBy,
                              Integer rebuildBatchSize,
                              String retiredIndex,
                              Instant retireAfter) {

    public boolean rebuilding() {
        return rebuildGeneration != null;
    }

    public static String processorName(String projection, int generation) {
        return projection + "-g" + generation;
    }
}
