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

    ProjectionMetrics(MeterRegistry registry, ProjectionProgress progress) {
        this.registry = registry;
        this.progress = progress;
    }

    @Override
    public void afterPropertiesSet() {
        for (String name : ProjectionsHealthIndicator.PROJECTIONS) {
            Gauge.builder("emporium.projection.lag", progress, p -> p.of(name).lag())
                    .tag("projection", name)
                    .description("events the projection is behind the head of the event store")
                    .register(registry);
        }
    }
}
