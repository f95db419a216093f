package io.emporium.query.projection;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * Health of each projection's live processor: its position, lag and dead letters, and whether it is stalled (see
 * {@link ProjectionWatch}). A stalled projection makes this component {@value #DEGRADED}: monitoring sees it, while
 * readiness (which does not include this component) keeps the service serving searches. A processor that does not
 * run at all is DOWN.
 */
@Component("projections")
class ProjectionsHealthIndicator extends AbstractHealthIndicator {

    static final String DEGRADED = "DEGRADED";

    private final ProjectionWatch watch;
    private final Projections projections;

    ProjectionsHealthIndicator(ProjectionWatch watch, Projections projections) {
        this.watch = watch;
        this.projections = projections;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        boolean allRunning = true;
        boolean anyStalled = false;
        for (String name : projections.names()) {
            ProjectionWatch.Report report = watch.report(name);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("processor", report.processor());
            details.put("state", !report.running() ? "down" : report.stalled() ? "stalled" : "running");
            details.put("reason", report.reason());
            // in error: it is retrying a failed batch (e.g. Elasticsearch is away), with back-off
            details.put("error", report.error());
            details.put("position", report.position());
            details.put("head", report.head());
            details.put("lag", report.lag());
            details.put("secondsWithoutProgress", report.secondsWithoutProgress());
            details.put("deadLetters", report.deadLetters());
            health.withDetail(name, details);
            allRunning &= report.running();
            anyStalled |= report.stalled();
        }
        if (!allRunning) health.down();
        else if (anyStalled) health.status(new Status(DEGRADED, "a projection is stalled or holds dead letters"));
        else health.up();
    }
}
