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
public class ProjectionSupervisor implements SmartLifecycle, LiveIndices {

    private static final Logger log = LoggerFactory.getLogger(ProjectionSupervisor.class);
    private static final java.time.Duration REPEATED_FAILURE_LOG_INTERVAL = java.time.Duration.ofMinutes(1);

    private final Projections projections;
    private final ProjectionStateStore states;
    private final ProjectionProcessorFactory factory;
    private final IndexGenerations indices;
    private final ProjectionProgress progress;
    private final ProjectionSettings settings;
    private final Map<String, ProjectionProcessor> live = new ConcurrentHashMap<>();
    private final Map<String, ProjectionProcessor> rebuilding = new ConcurrentHashMap<>();
    private final Map<String, Failure> failing = new ConcurrentHashMap<>();
    /** Live indices whose mapping this process brought up to date (once each). */
    private final java.util.Set<String> mappingsChecked = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService timer;
    private volatile boolean running;

    public ProjectionSupervisor(Projections projections, ProjectionStateStore states, ProjectionProcessorFactory factory,
                                IndexGenerations indices, ProjectionProgress progress, ProjectionSettings settings) {
        this.projections = projections;
        this.states = states;
        this.factory = factory;
        this.indices = indices;
        this.progress = progress;
        this.settings = settings;
    }

    public Optional<ProjectionProcessor> liveProcessor(String projection) {
        return Optional.ofNullable(live.get(projection));
    }

    @Override
    public Optional<String> liveIndex(String projection) {
        return liveProcessor(projection).map(ProjectionProcessor::index);
    }

    public Optional<ProjectionProcessor> rebuildProcessor(String projection) {
        return Optional.ofNullable(rebuilding.get(projection));
    }

    /** Never fails for want of Elasticsearch: what cannot be done yet is done at a later round, every few seconds. */
    @Override
    public void start() {
        running = true;
        reconcile();
        timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("projection-supervisor"));
        timer.scheduleWithFixedDelay(this::reconcile, settings.superviseIntervalMillis(),
                settings.superviseIntervalMillis(), TimeUnit.MILLISECONDS);
    }

    /** Brings this instance's processors in line with PostgreSQL, and moves rebuilds along. */
    public synchronized void reconcile() {
        if (!running) return;
        for (DocumentProjection<?> projection : projections.all()) {
            try {
                ProjectionState state = withLiveIndex(projection);
                aliasOnLiveGeneration(projection, state);
                runLive(projection, state);
                runRebuild(projection, state);
                forgetUnusedGenerations(projection, states.load(projection.name()).orElseThrow());
                retireOldIndex(state);
                if (failing.remove(projection.name()) != null) log.info("Supervising projection {} works again", projection.name());
            } catch (RuntimeException e) {
                logFailure(projection.name(), e);
            }
        }
    }

    /** Once per kind of failure and minute, not once per round: a store away for an hour writes a line a minute. */
    private void logFailure(String projection, RuntimeException e) {
        Failure last = failing.get(projection);
        Instant now = Instant.now();
        if (last != null && last.what().equals(e.toString()) && last.loggedAt().isAfter(now.minus(REPEATED_FAILURE_LOG_INTERVAL))) return;
        failing.put(projection, new Failure(e.toString(), now));
        log.warn("Supervising projection {} failed; will try again every round: {}", projection, e.toString());
    }

    private record Failure(String what, Instant loggedAt) {
    }

    /**
     * The projection's state, with an index for its live generation. A first start takes a generation number that no
     * index has had (a store that was wiped or replaced never serves an index left over from before). When the live
     * index is lost (deleted, or Elasticsearch lost its data), a new generation becomes live and is projected from
     * the start, by a processor of its own: the processors of every instance follow at their next round.
     */
    private ProjectionState withLiveIndex(DocumentProjection<?> projection) {
        String name = projection.name();
        if (states.load(name).isEmpty()) {
            int first = indices.highestGeneration(name) + 1;
            if (states.ensure(name, first)) indices.create(name, first, false);
        }
        ProjectionState state = states.load(name).orElseThrow();
        if (indices.exists(indices.names().index(name, state.liveGeneration()))) {
            if (mappingsChecked.add(name + "@" + state.liveGeneration())) indices.addNewFields(name, state.liveGeneration());
            return state;
        }
        int next = Math.max(Math.max(state.liveGeneration(), state.rebuilding() ? state.rebuildGeneration() : 0),
                indices.highestGeneration(name)) + 1;
        if (states.replaceLiveGeneration(name, state.liveGeneration(), next)) {
            log.warn("The live index of {} (generation {}) is gone: projecting everything again into generation {}",
                    name, state.liveGeneration(), next);
        }
        state = states.load(name).orElseThrow();
        indices.create(name, state.liveGeneration(), false);
        return state;
    }

    /** Also repairs a crash between a rebuild's completion in PostgreSQL and its alias swap. Only ever forward. */
    private void aliasOnLiveGeneration(DocumentProjection<?> projection, ProjectionState state) {
        String liveIndex = indices.names().index(projection.name(), state.liveGeneration());
        if (!indices.aliasTarget(projection.name()).map(liveIndex::equals).orElse(false)) {
            indices.pointAlias(projection.name(), state.liveGeneration());
        }
    }

    private void runLive(DocumentProjection<?> projection, ProjectionState state) {
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

    private void runRebuild(DocumentProjection<?> projection, ProjectionState state) {
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

    private void completeIfCaughtUp(DocumentProjection<?> projection, ProjectionState state) {
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
    private void forgetUnusedGenerations(DocumentProjection<?> projection, ProjectionState state) {
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
