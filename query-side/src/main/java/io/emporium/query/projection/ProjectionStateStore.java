package io.emporium.query.projection;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The projection_state table. Every change is one conditional UPDATE, so that with several instances exactly one
 * of them starts, completes or cancels a given rebuild.
 */
@Component
public class ProjectionStateStore {

    private final JdbcTemplate jdbc;
    private final Duration claimTimeout;

    public ProjectionStateStore(JdbcTemplate jdbc, @Value("${axon.eventhandling.tokenstore.claim-timeout:10s}") Duration claimTimeout) {
        this.jdbc = jdbc;
        this.claimTimeout = claimTimeout;
    }

    /** @return whether this call created the projection's state (with the given first generation) */
    boolean ensure(String name, int firstGeneration) {
        return jdbc.update("INSERT INTO projection_state (name, live_generation) VALUES (?, ?) ON CONFLICT DO NOTHING",
                name, firstGeneration) == 1;
    }

    /** The live index was lost: a new generation becomes live (and is projected from the start); a rebuild is dropped. */
    boolean replaceLiveGeneration(String name, int lost, int generation) {
        return jdbc.update("UPDATE projection_state SET live_generation = ?, rebuild_generation = NULL, rebuild_started_at = NULL,"
                + " rebuild_requested_by = NULL, updated_at = now() WHERE name = ? AND live_generation = ?", generation, name, lost) == 1;
    }

    public Optional<ProjectionState> load(String name) {
        return jdbc.query("SELECT * FROM projection_state WHERE name = ?", this::map, name).stream().findFirst();
    }

    /** @return the generation being built, or empty when a rebuild runs already */
    Optional<Integer> startRebuild(String name, int generation, String requestedBy, Integer batchSize) {
        List<Integer> started = jdbc.query("UPDATE projection_state SET rebuild_generation = ?,"
                        + " rebuild_started_at = now(), rebuild_requested_by = ?, rebuild_batch_size = ?, updated_at = now()"
                        + " WHERE name = ? AND rebuild_generation IS NULL AND live_generation < ? RETURNING rebuild_generation",
                (rs, n) -> rs.getInt(1), generation, requestedBy, batchSize, name, generation);
        return started.stream().findFirst();
    }

    boolean cancelRebuild(String name, int generation) {
        return jdbc.update("UPDATE projection_state SET rebuild_generation = NULL, rebuild_started_at = NULL,"
                + " rebuild_requested_by = NULL, updated_at = now() WHERE name = ? AND rebuild_generation = ?", name, generation) == 1;
    }

    /** Makes the rebuilt generation live; the old index is kept until {@code retireAfter}. */
    boolean completeRebuild(String name, int generation, String retiredIndex, Instant retireAfter) {
        return jdbc.update("UPDATE projection_state SET live_generation = rebuild_generation, rebuild_generation = NULL,"
                        + " rebuild_started_at = NULL, rebuild_requested_by = NULL, retired_index = ?, retire_after = ?, updated_at = now()"
                        + " WHERE name = ? AND rebuild_generation = ?",
                retiredIndex, retireAfter == null ? null : Timestamp.from(retireAfter), name, generation) == 1;
    }

    boolean clearRetired(String name, String index) {
        return jdbc.update("UPDATE projection_state SET retired_index = NULL, retire_after = NULL WHERE name = ? AND retired_index = ?",
                name, index) == 1;
    }

    /**
     * Tokens and dead letters of a processor that no generation uses any more, once no one holds its tokens: released
     * ones, or claims older than the claim timeout (their owner died). The dead letters go with the last token.
     */
    void forgetProcessor(String processorName) {
        jdbc.update("DELETE FROM token_entry WHERE processor_name = ? AND (owner IS NULL OR timestamp::timestamptz < now() - ?::interval)",
                processorName, claimTimeout.toSeconds() + " seconds");
        jdbc.update("DELETE FROM dead_letter_entry WHERE processing_group = ? AND NOT EXISTS"
                + " (SELECT 1 FROM token_entry WHERE processor_name = ?)", processorName, processorName);
    }

    /** Processors of this projection that hold tokens, live or not. */
    List<String> processorsWithTokens(String projection) {
        return jdbc.queryForList("SELECT DISTINCT processor_name FROM token_entry WHERE processor_name LIKE ?", String.class,
                projection.replace("_", "\\_") + "-g%");
    }

    boolean tokensClaimed(String processorName) {
        Integer claimed = jdbc.queryForObject("SELECT count(*) FROM token_entry WHERE processor_name = ? AND owner IS NOT NULL",
                Integer.class, processorName);
        return claimed != null && claimed > 0;
    }


    private ProjectionState map(ResultSet rs, int row) throws SQLException {
        int rebuild = rs.getInt("rebuild_generation");
        Integer rebuildGeneration = rs.wasNull() ? null : rebuild;
        int batchSize = rs.getInt("rebuild_batch_size");
        Integer rebuildBatchSize = rs.wasNull() ? null : batchSize;
        return new ProjectionState(rs.getString("name"), rs.getInt("live_generation"), rebuildGeneration,
                instant(rs.getTimestamp("rebuild_started_at")), rs.getString("rebuild_requested_by"), rebuildBatchSize,
                rs.getString("retired_index"), instant(rs.getTimestamp("retire_after")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
