package io.emporium.query.projection;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The projection_state table. Every change is one conditional UPDATE, so that with several instances exactly one
 * of them starts, completes or cancels a given rebuild.
 */
@Component
public class ProjectionStateStore {

    private final JdbcTemplate jdbc;

    public ProjectionStateStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void ensure(String name) {
        jdbc.update("INSERT INTO projection_state (name, live_generation) VALUES (?, 1) ON CONFLICT DO NOTHING", name);
    }

    public Optional<ProjectionState> load(String name) {
        return jdbc.query("SELECT * FROM projection_state WHERE name = ?", this::map, name).stream().findFirst();
    }

    /** @return the generation being built, or empty when a rebuild runs already */
    Optional<Integer> startRebuild(String name, String requestedBy, Integer batchSize) {
        List<Integer> started = jdbc.query("UPDATE projection_state SET rebuild_generation = live_generation + 1,"
                        + " rebuild_started_at = now(), rebuild_requested_by = ?, rebuild_batch_size = ?, updated_at = now()"
                        + " WHERE name = ? AND rebuild_generation IS NULL RETURNING rebuild_generation",
                (rs, n) -> rs.getInt(1), requestedBy, batchSize, name);
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

    /** Tokens and dead letters of a processor that no generation uses any more. Only released tokens go. */
    void forgetProcessor(String processorName) {
        jdbc.update("DELETE FROM token_entry WHERE processor_name = ? AND owner IS NULL", processorName);
        jdbc.update("DELETE FROM dead_letter_entry WHERE processing_group = ?", processorName);
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

    void deleteTokens(String processorName) {
        jdbc.update("DELETE FROM token_entry WHERE processor_name = ?", processorName);
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
