package io.emporium.command.publishing;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/**
 * Publishing in health: its position, the newest stored event and how far behind it is. A batch that Kafka did not
 * acknowledge, or a pause by an admin, makes it DEGRADED (still 200, and not part of readiness): commands go on being
 * accepted and stored, and what they stored is published once Kafka answers again (or publishing resumes).
 */
class PublishingHealthIndicator extends AbstractHealthIndicator {

    private final PublishingProgress progress;

    PublishingHealthIndicator(PublishingProgress progress) {
        this.progress = progress;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        PublishingProgress.Report report = progress.report();
        health.withDetails(report.details());
        switch (report.state()) {
            case "failing" -> health.status(new Status("DEGRADED", "Kafka does not acknowledge: events are kept and sent again"));
            case "paused" -> health.status(new Status("DEGRADED", "An admin paused publishing: events wait in the event store"));
            case "stopped" -> health.down();
            default -> health.up();
        }
    }
}
