package io.emporium.query.projection;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/** {@code emporium.projection.lag}: events each projection is behind the head of the event store. */
@Component
class ProjectionMetrics implements InitializingBean {

    private final MeterRegistry registry;
    private final ProjectionProgress progress;
    private final ProjectionSupervisor supervisor;

    ProjectionMetrics(MeterRegistry registry, ProjectionProgress progress, ProjectionSupervisor supervisor) {
        this.registry = registry;
        this.progress = progress;
        this.supervisor = supervisor;
    }

    @Override
    public void afterPropertiesSet() {
        for (ProjectionDefinition projection : supervisor.projections()) {
            String name = projection.name();
            Gauge.builder("emporium.projection.lag", progress,
                            p -> supervisor.liveProcessor(name).map(live -> p.of(live.name()).lag()).orElse(-1L))
                    .tag("projection", name)
                    .description("events the projection is behind the head of the event store")
                    .register(registry);
        }
    }
}
