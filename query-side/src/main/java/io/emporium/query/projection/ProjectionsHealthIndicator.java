package io.emporium.query.projection;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/** Health of each projection's processor: running or not, in error or not, and its lag behind the event store. */
@Component("projections")
class ProjectionsHealthIndicator extends AbstractHealthIndicator {

    static final List<String> PROJECTIONS = List.of("products", "orders");

    private final EventProcessingConfiguration processing;
    private final ProjectionProgress progress;

    ProjectionsHealthIndicator(EventProcessingConfiguration processing, ProjectionProgress progress) {
        this.processing = processing;
        this.progress = progress;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        boolean allRunning = true;
        for (String name : PROJECTIONS) {
            Map<String, Object> details = new LinkedHashMap<>();
            StreamingEventProcessor processor = processing.eventProcessor(name, StreamingEventProcessor.class).orElse(null);
            boolean running = processor != null && processor.isRunning();
            boolean error = processor != null && processor.isError();
            details.put("running", running);
            details.put("error", error);
            ProjectionProgress.Progress p = progress.of(name);
            details.put("position", p.position());
            details.put("head", p.head());
            details.put("lag", p.lag());
            health.withDetail(name, details);
            allRunning &= running;
        }
        // a processor in error is retrying (e.g. Elasticsearch is away): degraded, but the service still answers
        if (allRunning) health.up(); else health.down();
    }
}
