package io.emporium.query.projection;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Whether each projection's live processor keeps up: stalled when it has not advanced for {@code stall-after} while
 * behind the head of the event store, or when it holds dead letters. Health and metrics ask it; it remembers since
 * when each processor's position has been where it is.
 */
@Component
public class ProjectionWatch {

    private final ProjectionSupervisor supervisor;
    private final ProjectionProgress progress;
    private final ProjectionProcessorFactory processors;
    private final Duration stallAfter;
    private final Map<String, Seen> lastSeen = new ConcurrentHashMap<>();

    ProjectionWatch(ProjectionSupervisor supervisor, ProjectionProgress progress, ProjectionProcessorFactory processors,
                    @Value("${emporium.projections.stall-after}") Duration stallAfter) {
        this.supervisor = supervisor;
        this.progress = progress;
        this.processors = processors;
        this.stallAfter = stallAfter;
    }

    public Report report(String projection) {
        ProjectionProcessor processor = supervisor.liveProcessor(projection).orElse(null);
        if (processor == null) return new Report(null, false, false, -1, -1, 0, 0, 0, "not running on this instance");
        ProjectionProgress.Progress p = progress.of(processor.name());
        Instant now = Instant.now();
        Seen seen = lastSeen.compute(processor.name(), (name, before) ->
                before == null || before.position != p.position() ? new Seen(p.position(), now) : before);
        long stuckSeconds = p.lag() > 0 ? Duration.between(seen.since, now).toSeconds() : 0;
        long deadLetters = processors.deadLetterQueue(processor.name()).size();
        boolean running = processor.processor().isRunning();
        String reason = !running ? "the processor is not running"
                : stuckSeconds >= stallAfter.toSeconds() ? "no progress for " + stuckSeconds + " s while " + p.lag() + " events behind"
                : deadLetters > 0 ? deadLetters + " dead letters wait for a retry or an eviction"
                : null;
        return new Report(processor.name(), running, processor.processor().isError(), p.position(), p.head(), p.lag(),
                stuckSeconds, deadLetters, reason);
    }

    /** @param reason why the projection is not healthy, or null when it is */
    public record Report(String processor, boolean running, boolean error, long position, long head, long lag,
                         long secondsWithoutProgress, long deadLetters, String reason) {

        public boolean stalled() {
            return reason != null;
        }
    }

    private record Seen(long position, Instant since) {
    }
}
