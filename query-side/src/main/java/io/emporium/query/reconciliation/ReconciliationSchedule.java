package io.emporium.query.reconciliation;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.emporium.query.projection.ProjectionState;
import io.emporium.query.projection.ProjectionStateStore;
import io.emporium.query.projection.Projections;
import io.emporium.support.concurrent.DaemonThreads;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Verifies and repairs every projection every {@code emporium.reconciliation.interval} (0: never), so that drift
 * is found and mended even where nobody looks: an event the processors skipped (one that committed later than Axon's
 * gap detection waits), or a document changed behind the service's back. {@code emporium.projection.drift}: the
 * differences the last verification found, before any repair. A projection being rebuilt waits for the next interval:
 * its live index is about to be replaced by one built from the events, and the rebuild needs the machine (a check of
 * 500,000 products that met a rebuild took a third of the query service's CPU for four minutes).
 */
@Component
class ReconciliationSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReconciliationSchedule.class);

    private final Reconciliation reconciliation;
    private final Projections projections;
    private final ProjectionStateStore states;
    private final Duration interval;
    private ScheduledExecutorService timer;

    ReconciliationSchedule(Reconciliation reconciliation, Projections projections, ProjectionStateStore states, MeterRegistry meters,
                           @Value("${emporium.reconciliation.interval}") Duration interval) {
        this.reconciliation = reconciliation;
        this.projections = projections;
        this.states = states;
        this.interval = interval;
        for (String name : projections.names()) {
            Gauge.builder("emporium.projection.drift", reconciliation, r -> r.last(name)
                            .map(report -> (double) report.differences()).orElse(Double.NaN))
                    .tag("projection", name)
                    .description("documents that differed from the event store at the last verification, before repair")
                    .register(meters);
        }
    }

    @Override
    public void start() {
        if (interval.isZero() || interval.isNegative()) return;
        timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("reconciliation"));
        timer.scheduleWithFixedDelay(this::verifyAndRepairAll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void verifyAndRepairAll() {
        for (String name : projections.names()) {
            try {
                if (states.load(name).map(ProjectionState::rebuilding).orElse(false)) {
                    log.info("Scheduled verification of {} waits for the next interval: the projection is being rebuilt", name);
                    continue;
                }
                Reconciliation.Report report = reconciliation.run(name, true);
                if (report.differences() > 0) log.warn("Scheduled verification of {} repaired drift: {}", name, report);
            } catch (RuntimeException e) {
                log.warn("Scheduled verification of {} failed; will try at the next interval: {}", name, e.toString());
            }
        }
    }

    @Override
    public void stop() {
        if (timer != null) timer.shutdownNow();
        timer = null;
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }
}
