package io.emporium.query.projection;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Per projection: {@code emporium.projection.lag} (events behind the head of the event store),
 * {@code emporium.projection.stalled} (1 while stalled, see {@link ProjectionWatch}) and
 * {@code emporium.projection.dead.letters}.
 */
@Component
class ProjectionMetrics implements InitializingBean {

    private final MeterRegistry registry;
    private final ProjectionProgress progress;
    private final ProjectionSupervisor supervisor;
    private final Projections projections;
    private final ProjectionWatch watch;

    ProjectionMetrics(MeterRegistry registry, ProjectionProgress progress, ProjectionSupervisor supervisor, Projections projections,
                      ProjectionWatch watch) {
        this.registry = registry;
        this.progress = progress;
        this.supervisor = supervisor;
        this.projections = projections;
        this.watch = watch;
    }

    @Override
    public void afterPropertiesSet() {
        for (String name : projections.names()) {
            Gauge.builder("emporium.projection.lag", progress,
                            p -> supervisor.liveProcessor(name).map(live -> p.of(live.name()).lag()).orElse(-1L))
                    .tag("projection", name)
                    .description("events the projection is behind the head of the event store")
                    .register(registry);
            Gauge.builder("emporium.projection.stalled", watch, w -> w.report(name).stalled() ? 1 : 0)
                    .tag("projection", name)
                    .description("1 while the projection has not advanced for stall-after while behind, or holds dead letters")
                    .register(registry);
            Gauge.builder("emporium.projection.dead.letters", watch, w -> w.report(name).deadLetters())
                    .tag("projection", name)
                    .description("dead letters of the projection's live processor")
                    .register(registry);
        }
    }
}
