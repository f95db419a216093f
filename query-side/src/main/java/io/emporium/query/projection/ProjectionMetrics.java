package io.emporium.query.projection;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Per projection: {@code emporium.projection.lag} (events behind the head of the event store),
 * {@code emporium.projection.stalled} (1 while stalled, see {@link ProjectionWatch}) and
 * {@code emporium.projection.dead.letters}. The three gauges of a projection read one report, taken at most once a
 * second: each report queries the event store's head, the tokens and the dead letters, and a scrape asked for it
 * three times.
 */
@Component
class ProjectionMetrics implements InitializingBean {

    private static final long REPORT_MAX_AGE_NANOS = Duration.ofSeconds(1).toNanos();

    private final MeterRegistry registry;
    private final Projections projections;
    private final ProjectionWatch watch;
    private final Map<String, Taken> reports = new ConcurrentHashMap<>();

    ProjectionMetrics(MeterRegistry registry, Projections projections, ProjectionWatch watch) {
        this.registry = registry;
        this.projections = projections;
        this.watch = watch;
    }

    @Override
    public void afterPropertiesSet() {
        for (String name : projections.names()) {
            Gauge.builder("emporium.projection.lag", this, m -> lag(m.report(name)))
                    .tag("projection", name)
                    .description("events the projection is behind the head of the event store (-1: not running here)")
                    .register(registry);
            Gauge.builder("emporium.projection.stalled", this, m -> m.report(name).stalled() ? 1 : 0)
                    .tag("projection", name)
                    .description("1 while the projection has not advanced for stall-after while behind, or holds dead letters")
                    .register(registry);
            Gauge.builder("emporium.projection.dead.letters", this, m -> m.report(name).deadLetters())
                    .tag("projection", name)
                    .description("dead letters of the projection's live processor")
                    .register(registry);
        }
    }

    private static long lag(ProjectionWatch.Report report) {
        return report.processor() == null ? -1 : report.lag();
    }

    private ProjectionWatch.Report report(String projection) {
        long now = System.nanoTime();
        return reports.compute(projection, (name, taken) -> taken != null && now - taken.at < REPORT_MAX_AGE_NANOS
                ? taken : new Taken(now, watch.report(name))).report;
    }

    private record Taken(long at, ProjectionWatch.Report report) {
    }
}
