package io.emporium.query.reconciliation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.emporium.query.elasticsearch.DocumentIndex;
import io.emporium.query.projection.IndexProperties;
import io.emporium.query.projection.DocumentProjection;
import io.emporium.query.projection.ProjectionProgress;
import io.emporium.query.projection.ProjectionState;
import io.emporium.query.projection.ProjectionStateStore;
import io.emporium.query.projection.Projections;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.media.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Checks a projection's live index against the event store, aggregate by aggregate, and repairs what differs:
 * what no CQRS framework does for you. Every aggregate whose events the live processor has passed (its position,
 * the lowest over its segments) is folded from the event store with the projection's own fold, and compared with
 * its document: <b>missing</b> (no document), <b>stale</b> (an older version: an event was skipped, e.g. committed
 * too late for the processor's gap detection), <b>wrong</b> (the same version, other content: changed behind the
 * service's back), <b>ahead</b> (a version the aggregate has not reached even now: the document was written by
 * something other than this projection), or <b>extra</b> (a document without an aggregate). A document newer than
 * that position but not ahead of the store is left alone: the processor went on meanwhile.
 * Repairing reads each differing document, then folds its aggregate's whole history as it is now (so the fold is never
 * older than the document read), and writes the fold only if the document is still as read; one that was written
 * meanwhile is read and folded again. Extra documents are deleted the same way. Then it checks again. It runs beside
 * the live processor, while commands and searches go on.
 */
@Component
public class Reconciliation {

    private static final Logger log = LoggerFactory.getLogger(Reconciliation.class);
    private static final int CHUNK = 500;
    private static final int EXAMPLES = 20;
    /** Rounds of read, fold and conditional write for a document that others keep writing meanwhile. */
    private static final int REPAIR_ATTEMPTS = 5;

    private final Projections projections;
    private final ProjectionStateStore states;
    private final ProjectionProgress progress;
    private final IndexProperties names;
    private final EventHistory history;
    private final DocumentIndex index;
    private final MeterRegistry meters;
    private final Map<String, Progress> running = new ConcurrentHashMap<>();
    private final Map<String, Report> last = new ConcurrentHashMap<>();

    Reconciliation(Projections projections, ProjectionStateStore states, ProjectionProgress progress, IndexProperties names,
                   EventHistory history, DocumentIndex index, MeterRegistry meters) {
        this.meters = meters;
        this.projections = projections;
        this.states = states;
        this.progress = progress;
        this.names = names;
        this.history = history;
        this.index = index;
    }

    /** @throws AlreadyRunningException when this instance verifies the projection already */
    public Report run(String projectionName, boolean repair) {
        DocumentProjection<?> projection = projections.require(projectionName);
        Progress mine = new Progress(projectionName);
        if (running.putIfAbsent(projectionName, mine) != null) {
            throw new AlreadyRunningException("A verification of " + projectionName + " runs already on this instance");
        }
        try {
            Instant started = Instant.now();
            Report found = check(projection, mine);
            if (repair && found.differences() > 0) {
                mine.phase = "repairing";
                repairAll(projection, found.index(), found.differenceIds(), mine);
                mine.reset("checking again");
                Report after = check(projection, mine);
                found = found.afterRepair(after.differences());
            }
            Report report = found.took(Duration.between(started, Instant.now()));
            last.put(projectionName, report);
            if (report.differences() > 0) log.warn("Verification of {}: {}", projectionName, report);
            return report;
        } finally {
            running.remove(projectionName);
        }
    }

    public Optional<Progress> progress(String projection) {
        projections.require(projection);
        return Optional.ofNullable(running.get(projection));
    }

    public Optional<Report> last(String projection) {
        projections.require(projection);
        return Optional.ofNullable(last.get(projection));
    }

    private <D> Report check(DocumentProjection<D> projection, Progress progressOfRun) {
        ProjectionState state = states.load(projection.name()).orElseThrow();
        String liveIndex = names.index(projection.name(), state.liveGeneration());
        long upTo = progress.position(ProjectionState.processorName(projection.name(), state.liveGeneration()));
        progressOfRun.total = history.aggregates(projection.aggregateType(), upTo);
        Differences differences = new Differences();
        Set<String> inStore = new HashSet<>();
        Map<String, D> expected = new LinkedHashMap<>();
        history.forEachAggregate(projection.aggregateType(), upTo, (id, events) -> {
            inStore.add(id);
            D document = projection.foldAll(events);
            if (document != null) expected.put(id, document);
            if (expected.size() == CHUNK) compare(projection, liveIndex, expected, differences, progressOfRun);
        });
        compare(projection, liveIndex, expected, differences, progressOfRun);
        progressOfRun.phase = "looking for extra documents";
        index.forEachId(liveIndex, ids -> {
            List<String> unknown = ids.stream().filter(id -> !inStore.contains(id)).toList();
            Set<String> existing = history.existing(unknown); // aggregates born after the position are not extra
            unknown.stream().filter(id -> !existing.contains(id)).forEach(id -> differences.add("extra", id, null, null));
        });
        return new Report(projection.name(), liveIndex, upTo, progressOfRun.checked, differences.count("missing"),
                differences.count("stale"), differences.count("wrong"), differences.count("ahead"), differences.count("extra"),
                differences.examples,
                null, null, Instant.now(), differences.ids);
    }

    private <D> void compare(DocumentProjection<D> projection, String liveIndex, Map<String, D> expected,
                             Differences differences, Progress progressOfRun) {
        if (expected.isEmpty()) return;
        Map<String, DocumentIndex.Found<D>> actual = index.read(liveIndex, expected.keySet(), projection.documentType());
        Map<String, Long> newer = new LinkedHashMap<>();
        expected.forEach((id, wanted) -> {
            long version = projection.version().applyAsLong(wanted);
            if (!actual.containsKey(id)) {
                differences.add("missing", id, version, null);
            } else if (actual.get(id).document() == null) {
                differences.add("wrong", id, version, null); // a document that cannot even be read
            } else {
                long found = projection.version().applyAsLong(actual.get(id).document());
                if (found < version) differences.add("stale", id, version, found);
                else if (found == version && !sameContent(wanted, actual.get(id).document())) differences.add("wrong", id, version, found);
                else if (found > version) newer.put(id, found);
            }
        });
        // newer than the position: the processor went on, unless the store (read after the document) has no such event
        Map<String, Long> newest = history.newestSequences(newer.keySet());
        newer.forEach((id, found) -> {
            long inStore = newest.getOrDefault(id, -1L);
            if (found > inStore) differences.add("ahead", id, inStore, found);
        });
        progressOfRun.checked += expected.size();
        expected.clear();
    }

    /** @param differences id → kind, of the check that just ran */
    private <D> void repairAll(DocumentProjection<D> projection, String liveIndex, Map<String, String> differences,
                               Progress progressOfRun) {
        progressOfRun.total = differences.size();
        progressOfRun.checked = 0;
        List<String> ids = List.copyOf(differences.keySet());
        long replaced = 0;
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            replaced += repair(projection, liveIndex, chunk);
            progressOfRun.checked += chunk.size();
        }
        index.refresh(liveIndex); // a search sees the repairs at once
        Counter.builder("emporium.projection.repaired").tag("projection", projection.name())
                .description("documents re-projected or deleted by verify --repair").register(meters)
                .increment(replaced);
        log.info("Repaired {} documents in {}", replaced, liveIndex);
    }

    /**
     * Brings these documents to what the event store says: read each, then fold its history (never older than the
     * document read), and replace it only if nobody wrote it since; those written meanwhile go round again.
     *
     * @return how many documents were replaced or deleted
     */
    private <D> long repair(DocumentProjection<D> projection, String liveIndex, List<String> ids) {
        long replaced = 0;
        Set<String> pending = new LinkedHashSet<>(ids);
        for (int attempt = 1; attempt <= REPAIR_ATTEMPTS && !pending.isEmpty(); attempt++) {
            Map<String, DocumentIndex.Found<D>> found = index.read(liveIndex, pending, projection.documentType());
            Map<String, D> folded = new HashMap<>();
            history.forEachOf(pending, (id, events) -> {
                D document = projection.foldAll(events);
                if (document != null) folded.put(id, document);
            });
            List<DocumentIndex.Replacement> replacements = new ArrayList<>();
            for (String id : pending) {
                D wanted = folded.get(id);
                DocumentIndex.Found<D> current = found.get(id);
                if (wanted == null && current == null) continue;
                long version = wanted == null ? -1 : projection.version().applyAsLong(wanted);
                boolean claimedNewer = current != null && current.document() != null
                        && projection.version().applyAsLong(current.document()) > version;
                replacements.add(new DocumentIndex.Replacement(id, current == null ? null : current.point(), version, wanted, claimedNewer));
            }
            Set<String> writtenMeanwhile = index.replace(liveIndex, replacements);
            replaced += replacements.size() - writtenMeanwhile.size();
            pending = new LinkedHashSet<>(writtenMeanwhile);
        }
        if (!pending.isEmpty()) log.warn("{} documents of {} were written by others during every repair attempt", pending.size(), liveIndex);
        return replaced;
    }

    /** Amounts compare by value: a trip through Elasticsearch's JSON may have dropped a trailing zero (12.50 → 12.5). */
    private static boolean sameContent(Object expected, Object actual) {
        return TREES.valueToTree(expected).equals(TREES.valueToTree(actual));
    }

    private static final ObjectMapper TREES = JsonMapper.builder().addModule(new JavaTimeModule())
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, true).build();

    @SuppressWarnings("unchecked")
    private static <D> long versionOf(DocumentProjection<D> projection, Object document) {
        return projection.version().applyAsLong((D) document);
    }

    /** The differences of one check: counts by kind, the first few, and every id (for the repair). */
    private static final class Differences {
        private final Map<String, Long> counts = new LinkedHashMap<>();
        private final List<Difference> examples = new ArrayList<>();
        private final Map<String, String> ids = new LinkedHashMap<>();

        synchronized void add(String kind, String id, Long expectedVersion, Long foundVersion) {
            counts.merge(kind, 1L, Long::sum);
            ids.put(id, kind);
            if (examples.size() < EXAMPLES) examples.add(new Difference(kind, id, expectedVersion, foundVersion));
        }

        long count(String kind) {
            return counts.getOrDefault(kind, 0L);
        }
    }

    /** How far a running verification is. */
    @Schema(name = "VerificationProgress", description = "How far a running verification is.")
    public static final class Progress {
        private final String projection;
        private volatile String phase = "checking";
        private volatile long checked;
        private volatile long total;

        Progress(String projection) {
            this.projection = projection;
        }

        void reset(String phase) {
            this.phase = phase;
            this.checked = 0;
        }

        public String getProjection() {
            return projection;
        }

        public String getPhase() {
            return phase;
        }

        public long getChecked() {
            return checked;
        }

        public long getTotal() {
            return total;
        }
    }

    @Schema(name = "Difference", description = "One document that differs from the event store, and how.")
    public record Difference(String kind, String id, Long expectedVersion, Long foundVersion) {
    }

    /**
     * @param remainingAfterRepair differences left after a repair (null when none was asked for or needed)
     */
    @Schema(name = "VerificationReport", description = "What a verification found (and left after a repair).")
    public record Report(String projection, String index, long position, long aggregatesChecked, long missing, long stale,
                         long wrong, long ahead, long extra, List<Difference> firstDifferences, Long remainingAfterRepair, Long millis,
                         Instant at, @com.fasterxml.jackson.annotation.JsonIgnore Map<String, String> differenceIds) {

        public long differences() {
            return missing + stale + wrong + ahead + extra;
        }

        /** What is left to mend: the differences found, or those left after a repair. */
        public long remaining() {
            return remainingAfterRepair != null ? remainingAfterRepair : differences();
        }

        Report afterRepair(long remaining) {
            return new Report(projection, index, position, aggregatesChecked, missing, stale, wrong, ahead, extra, firstDifferences,
                    remaining, millis, at, differenceIds);
        }

        Report took(Duration duration) {
            return new Report(projection, index, position, aggregatesChecked, missing, stale, wrong, ahead, extra, firstDifferences,
                    remainingAfterRepair, duration.toMillis(), at, differenceIds);
        }
    }

    public static class AlreadyRunningException extends RuntimeException {
        AlreadyRunningException(String message) {
            super(message);
        }
    }
}
