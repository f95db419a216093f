package io.emporium.query.projection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.emporium.query.elasticsearch.ProjectionIndices;
import io.emporium.support.concurrent.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs each projection's processors as PostgreSQL says they should run, on every instance alike: the live
 * generation's processor always, and the rebuild's processor while one runs (their segments are shared between
 * instances through the token store). Every few seconds it reconciles with {@code projection_state}, completes a
 * rebuild that has caught up (alias swap), and deletes a retired index whose grace period is over.
 * <p>
 * A rebuild has caught up when its processor is at least as far in the event stream as the live one: from then on
 * the new index is as fresh as the old, and the alias moves to it in one atomic call.
 */
@Component
public class ProjectionSupervisor implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProjectionSupervisor.class);

    private final List<ProjectionDefinition> projections;
    private final ProjectionStateStore states;
    private final ProjectionProcessors factory;
    private final ProjectionIndices indices;
    private final ProjectionProgress progress;
    private final ProjectionProcessors.Settings settings;
    private final Map<String, ProjectionProcessor> live = new ConcurrentHashMap<>();
    private final Map<String, ProjectionProcessor> rebuilding = new ConcurrentHashMap<>();
    private ScheduledExecutorService timer;
    private volatile boolean running;

    public ProjectionSupervisor(List<ProjectionDefinition> projections, ProjectionStateStore states, ProjectionProcessors factory,
                                ProjectionIndices indices, ProjectionProgress progress, ProjectionProcessors.Settings settings) {
        this.projections = projections;
        this.states = states;
        this.factory = factory;
        this.indices = indices;
        this.progress = progress;
        this.settings = settings;
    }

    public List<ProjectionDefinition> projections() {
        return projections;
    }

    public Optional<ProjectionDefinition> projection(String name) {
        return projections.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public Optional<ProjectionProcessor> liveProcessor(String projection) {
        return Optional.ofNullable(live.get(projection));
    }

    public Optional<ProjectionProcessor> rebuildProcessor(String projection) {
        return Optional.ofNullable(rebuilding.get(projection));
    }

    @Override
    public void start() {
        for (ProjectionDefinition projection : projections) {
            states.ensure(projection.name());
            ProjectionState state = states.load(projection.name()).orElseThrow();
            String liveIndex = indices.names().index(projection.name(), state.liveGeneration());
            if (!indices.exists(liveIndex)) {
                // Elasticsearch lost it (or never had it): project everything again into a fresh index
                indices.create(projection.name(), state.liveGeneration(), false);
                states.deleteTokens(ProjectionState.processorName(projection.name(), state.liveGeneration()));
            }
        }
        running = true;
        reconcile();
        timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("projection-supervisor"));
        timer.scheduleWithFixedDelay(this::reconcileSafely, settings.superviseIntervalMillis(),
                settings.superviseIntervalMillis(), TimeUnit.MILLISECONDS);
    }

    private void reconcileSafely() {
        try {
            reconcile();
        } catch (RuntimeException e) {
            log.warn("Reconciling projections failed; will try again: {}", e.toString());
        }
    }

    /** Brings this instance's processors in line with PostgreSQL, and moves rebuilds along. */
    public synchronized void reconcile() {
        if (!running) return;
        for (ProjectionDefinition projection : projections) {
            ProjectionState state = states.load(projection.name()).orElseThrow();
            aliasOnLiveGeneration(projection, state);
            runLive(projection, state);
            runRebuild(projection, state);
            forgetUnusedGenerations(projection, states.load(projection.name()).orElseThrow());
            retireOldIndex(state);
        }
    }

    /** Also repairs a crash between a rebuild's completion in PostgreSQL and its alias swap. */
    private void aliasOnLiveGeneration(ProjectionDefinition projection, ProjectionState state) {
        String liveIndex = indices.names().index(projection.name(), state.liveGeneration());
        if (!indices.aliasTarget(projection.name()).map(liveIndex::equals).orElse(false)) {
            indices.pointAlias(projection.name(), state.liveGeneration());
        }
    }

    private void runLive(ProjectionDefinition projection, ProjectionState state) {
        ProjectionProcessor current = live.get(projection.name());
        if (current != null && current.generation() == state.liveGeneration()) return;
        if (current != null) {
            log.info("Generation {} of {} is live now: stopping generation {}", state.liveGeneration(), projection.name(), current.generation());
            current.shutdown();
        }
        ProjectionProcessor rebuilt = rebuilding.get(projection.name());
        if (rebuilt != null && rebuilt.generation() == state.liveGeneration()) {
            // the rebuild's processor becomes the live one: same name, so it goes on from its tokens
            rebuilding.remove(projection.name());
            rebuilt.shutdown();
        }
        String index = indices.names().index(projection.name(), state.liveGeneration());
        ProjectionProcessor processor = factory.create(projection, index, state.liveGeneration(), false, null);
        processor.start();
        live.put(projection.name(), processor);
    }

    private void runRebuild(ProjectionDefinition projection, ProjectionState state) {
        ProjectionProcessor current = rebuilding.get(projection.name());
        if (!state.rebuilding()) {
            if (current != null) {
                log.info("The rebuild of {} generation {} was cancelled or completed elsewhere", projection.name(), current.generation());
                rebuilding.remove(projection.name()).shutdown();
            }
            return;
        }
        if (current == null || current.generation() != state.rebuildGeneration()) {
            if (current != null) rebuilding.remove(projection.name()).shutdown();
            indices.create(projection.name(), state.rebuildGeneration(), true);
            String index = indices.names().index(projection.name(), state.rebuildGeneration());
            ProjectionProcessor processor = factory.create(projection, index, state.rebuildGeneration(), true, state.rebuildBatchSize());
            processor.start();
            rebuilding.put(projection.name(), processor);
            log.info("Rebuilding {} into {}", projection.name(), index);
            return;
        }
        completeIfCaughtUp(projection, state);
    }

    private void completeIfCaughtUp(ProjectionDefinition projection, ProjectionState state) {
        String liveName = ProjectionState.processorName(projection.name(), state.liveGeneration());
        String rebuildName = ProjectionState.processorName(projection.name(), state.rebuildGeneration());
        long rebuilt = progress.position(rebuildName);
        boolean caughtUp = rebuilt >= progress.position(liveName) && (rebuilt >= 0 || progress.head() < 0);
        if (!caughtUp) return;

        String newIndex = indices.names().index(projection.name(), state.rebuildGeneration());
        String oldIndex = indices.names().index(projection.name(), state.liveGeneration());
        indices.prepareForSearch(newIndex);
        Instant retireAfter = settings.keepRetiredIndices() ? null : Instant.now().plus(settings.retiredIndexGracePeriod());
        // first PostgreSQL (only one instance wins), then the alias: a crash in between is repaired at start-up
        if (!states.completeRebuild(projection.name(), state.rebuildGeneration(), settings.keepRetiredIndices() ? null : oldIndex, retireAfter)) {
            return;
        }
        indices.pointAlias(projection.name(), state.rebuildGeneration());
        log.info("Rebuild of {} complete: generation {} ({}) is live", projection.name(), state.rebuildGeneration(), newIndex);
        runLive(projection, states.load(projection.name()).orElseThrow());
    }

    /** Tokens and dead letters of generations that are neither live nor rebuilding, once no instance holds them. */
    private void forgetUnusedGenerations(ProjectionDefinition projection, ProjectionState state) {
        for (String processor : states.processorsWithTokens(projection.name())) {
            boolean inUse = processor.equals(ProjectionState.processorName(projection.name(), state.liveGeneration()))
                    || (state.rebuilding() && processor.equals(ProjectionState.processorName(projection.name(), state.rebuildGeneration())));
            if (!inUse) states.forgetProcessor(processor);
        }
    }

    private void retireOldIndex(ProjectionState state) {
        if (state.retiredIndex() != null && state.retireAfter() != null && Instant.now().isAfter(state.retireAfter())
                && states.clearRetired(state.name(), state.retiredIndex())) {
            indices.delete(state.retiredIndex());
        }
    }

    /** Stops this instance's rebuild processor at once (the caller has cancelled the rebuild in PostgreSQL). */
    public synchronized void stopRebuild(String projection) {
        ProjectionProcessor processor = rebuilding.remove(projection);
        if (processor != null) processor.shutdown();
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (timer != null) timer.shutdownNow();
        List<ProjectionProcessor> all = new ArrayList<>(live.values());
        all.addAll(rebuilding.values());
        all.forEach(ProjectionProcessor::shutdown);
        live.clear();
        rebuilding.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the web server and Axon's own components; stopped before them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
