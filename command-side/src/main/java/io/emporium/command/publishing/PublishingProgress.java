package io.emporium.command.publishing;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How far publishing is: the position of the segments this instance publishes against the newest stored event, and
 * whether its last batch failed. For health and the metrics {@code emporium.publishing.behind} (stored events not yet
 * published) and {@code emporium.publishing.failures}.
 */
class PublishingProgress {

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final Counter failures;
    private volatile Instant lastPublished;
    private volatile long lastPosition = -1;
    private volatile Instant lastFailure;
    private volatile String lastError;
    private volatile boolean paused;

    PublishingProgress(EventProcessingConfiguration processing, JdbcTemplate jdbc, MeterRegistry meters) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.failures = Counter.builder("emporium.publishing.failures")
                .description("Batches whose public events Kafka did not acknowledge in time (each is sent again)").register(meters);
        Gauge.builder("emporium.publishing.behind", this, p -> p.report().behind().orElse(0))
                .description("Stored events the segments this instance publishes have not yet published").register(meters);
    }

    /** A batch up to this position of the event store was acknowledged. */
    void published(long position) {
        lastPublished = Instant.now();
        lastPosition = Math.max(lastPosition, position);
    }

    void paused(boolean paused) {
        this.paused = paused;
    }

    void failed(String why) {
        lastFailure = Instant.now();
        lastError = why;
        failures.increment();
    }

    /** The publishing processor of this instance (absent while Axon is still configuring). */
    Optional<StreamingEventProcessor> processor() {
        return processing.eventProcessor(KafkaPublisher.PROCESSOR, StreamingEventProcessor.class);
    }

    record Report(String state, OptionalLong position, long head, OptionalLong behind, Instant lastPublished, String lastError) {

        Map<String, Object> details() {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("state", state);
            position.ifPresent(p -> details.put("position", p));
            details.put("head", head);
            behind.ifPresent(b -> details.put("behind", b));
            if (lastPublished != null) details.put("lastPublished", lastPublished.toString());
            if (lastError != null) details.put("lastError", lastError);
            return details;
        }
    }

    Report report() {
        Long newest = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        long head = newest == null ? -1 : newest;
        StreamingEventProcessor processor = processor().orElse(null);
        // what Kafka acknowledged last here (the segment's own position runs ahead while a batch waits to be acknowledged)
        OptionalLong acknowledged = lastPosition >= 0 ? OptionalLong.of(lastPosition) : OptionalLong.empty();
        if (processor == null || !processor.isRunning()) {
            return new Report(paused ? "paused" : "stopped", acknowledged, head, behind(head, acknowledged), lastPublished, lastError);
        }
        Instant failure = lastFailure;
        if (failure != null && (lastPublished == null || failure.isAfter(lastPublished))) {
            return new Report("failing", acknowledged, head, behind(head, acknowledged), lastPublished, lastError);
        }
        if (processor.processingStatus().isEmpty()) {
            return new Report("another instance publishes", OptionalLong.empty(), head, OptionalLong.empty(), lastPublished, null);
        }
        OptionalLong position = processor.processingStatus().values().stream()
                .map(EventTrackerStatus::getCurrentPosition).filter(OptionalLong::isPresent).mapToLong(OptionalLong::getAsLong).min();
        return new Report("publishing", position, head, behind(head, position), lastPublished, null);
    }

    private static OptionalLong behind(long head, OptionalLong position) {
        return position.isPresent() ? OptionalLong.of(Math.max(0, head - position.getAsLong())) : OptionalLong.empty();
    }
}
