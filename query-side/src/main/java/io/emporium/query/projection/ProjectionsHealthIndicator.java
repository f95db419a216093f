package io.emporium.query.projection;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/** Health of each projection's live processor: running or not, in error or not, and its lag behind the event store. */
@Component("projections")
class ProjectionsHealthIndicator extends AbstractHealthIndicator {

    private final ProjectionSupervisor supervisor;
    private final ProjectionProgress progress;

    ProjectionsHealthIndicator(ProjectionSupervisor supervisor, ProjectionProgress progress) {
        this.supervisor = supervisor;
        this.progress = progress;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        boolean allRunning = true;
        for (ProjectionDefinition projection : supervisor.projections()) {
            Map<String, Object> details = new LinkedHashMap<>();
            ProjectionProcessor processor = supervisor.liveProcessor(projection.name()).orElse(null);
            boolean running = processor != null && processor.processor().isRunning();
            details.put("processor", processor == null ? null : processor.name());
            details.put("running", running);
            // in error: it is retrying a failed batch (e.g. Elasticsearch is away), with back-off
            details.put("error", processor != null && processor.processor().isError());
            if (processor != null) {
                ProjectionProgress.Progress p = progress.of(processor.name());
                details.put("position", p.position());
                details.put("head", p.head());
                details.put("lag", p.lag());
            }
            health.withDetail(projection.name(), details);
            allRunning &= running;
        }
        if (allRunning) health.up(); else health.down();
    }
}
