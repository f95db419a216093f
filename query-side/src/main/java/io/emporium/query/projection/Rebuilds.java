package io.emporium.query.projection;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.stereotype.Component;

/**
 * Starting, cancelling and describing rebuilds. Starting is one conditional UPDATE in PostgreSQL, so a rebuild
 * requested on several instances at once runs once; the supervisors of all instances then share its segments.
 */
@Component
public class Rebuilds {

    private static final Duration RELEASE_WAIT = Duration.ofSeconds(20);

    private final ProjectionSupervisor supervisor;
    private final ProjectionStateStore states;
    private final ProjectionProgress progress;
    private final IndexGenerations indices;
    private final Projections projections;

    public Rebuilds(ProjectionSupervisor supervisor, ProjectionStateStore states, ProjectionProgress progress,
                    IndexGenerations indices, Projections projections) {
        this.supervisor = supervisor;
        this.projections = projections;
        this.states = states;
        this.progress = progress;
        this.indices = indices;
    }

    /**
     * @param batchSize events per batch for this rebuild; null for the configured size
     * @return the generation now being built, or empty when a rebuild of this projection runs already
     */
    public Optional<Integer> start(String projection, String requestedBy, Integer batchSize) {
        require(projection);
        // a number no index has had: one left over (a cancelled rebuild, a wiped event store) is never reused
        ProjectionState state = states.load(projection).orElseThrow();
        int next = Math.max(state.liveGeneration(), indices.highestGeneration(projection)) + 1;
        Optional<Integer> generation = states.startRebuild(projection, next, requestedBy, batchSize);
        generation.ifPresent(g -> supervisor.reconcile());
        return generation;
    }

    /**
     * Stops the rebuild, then removes its index, and its tokens and dead letters once no instance holds them (the
     * supervisor removes what is still held then, later); the live generation is untouched.
     * @return false when no rebuild runs
     */
    public boolean cancel(String projection) throws InterruptedException {
        require(projection);
        ProjectionState state = states.load(projection).orElseThrow();
        if (!state.rebuilding() || !states.cancelRebuild(projection, state.rebuildGeneration())) return false;
        supervisor.stopRebuild(projection);
        String processor = ProjectionState.processorName(projection, state.rebuildGeneration());
        // other instances stop theirs at their next reconciliation and release their claims
        Instant deadline = Instant.now().plus(RELEASE_WAIT);
        while (states.tokensClaimed(processor) && Instant.now().isBefore(deadline)) Thread.sleep(200);
        states.forgetProcessor(processor);
        indices.delete(indices.names().index(projection, state.rebuildGeneration()));
        return true;
    }

    public List<ProjectionStatus> status() {
        List<ProjectionStatus> all = new ArrayList<>();
        for (String projection : projections.names()) all.add(status(projection));
        return all;
    }

    public ProjectionStatus status(String projection) {
        require(projection);
        ProjectionState state = states.load(projection).orElseThrow();
        String liveProcessor = ProjectionState.processorName(projection, state.liveGeneration());
        ProjectionProgress.Progress live = progress.of(liveProcessor);
        String processorState = supervisor.liveProcessor(projection)
                .map(p -> p.processor().isError() ? "error" : p.processor().isRunning() ? "running" : "stopped")
                .orElse("stopped");
        Rebuild rebuild = null;
        if (state.rebuilding()) {
            long processed = Math.max(0, progress.position(ProjectionState.processorName(projection, state.rebuildGeneration())));
            long total = Math.max(0, live.head());
            double seconds = Math.max(0.001, Duration.between(state.rebuildStartedAt(), Instant.now()).toMillis() / 1000.0);
            double perSecond = processed / seconds;
            Long eta = perSecond > 0 ? Math.round(Math.max(0, total - processed) / perSecond) : null;
            rebuild = new Rebuild(state.rebuildGeneration(), indices.names().index(projection, state.rebuildGeneration()),
                    processed, total, Math.round(perSecond * 10) / 10.0, eta, state.rebuildStartedAt(), state.rebuildRequestedBy(),
                    state.rebuildBatchSize());
        }
        return new ProjectionStatus(projection, state.liveGeneration(), indices.names().index(projection, state.liveGeneration()),
                live.position(), live.head(), live.lag(), processorState, rebuild);
    }

    private void require(String projection) {
        projections.require(projection);
    }

    @Schema(name = "ProjectionStatus", description = "A projection: its live generation, how far it is, and its rebuild.")
    public record ProjectionStatus(String name, int generation, String index, long position, long head, long lag, String state,
                         Rebuild rebuild) {
    }

    @Schema(name = "RebuildProgress", description = "A rebuild under way: its generation, progress, rate and ETA.")
    public record Rebuild(int generation, String index, long processed, long total, double eventsPerSecond, Long etaSeconds,
                          Instant startedAt, String requestedBy, Integer batchSize) {
    }
}
