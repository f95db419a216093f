package io.emporium.query.elasticsearch;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;

/** The meters of the projections' bulk writes: sizes, latency, lost races, and how old events are by stage. */
class BulkMetrics {

    private final DistributionSummary bulkSizes;
    private final Timer bulkLatency;
    private final Timer ageWhenHandled;
    private final Timer ageWhenIndexed;
    private final Counter conflicts;

    BulkMetrics(MeterRegistry registry) {
        this.bulkSizes = DistributionSummary.builder("emporium.bulk.documents")
                .description("documents per bulk request (one request per processor batch)").register(registry);
        this.bulkLatency = Timer.builder("emporium.bulk.latency").description("time of one bulk request")
                .publishPercentiles(0.5, 0.99).register(registry);
        // Freshness by stage: how old an event is when its batch starts (commit, then the poll of the event table)
        // and when its bulk request returns (the batch's reads and the bulk); Elasticsearch's refresh comes after.
        this.ageWhenHandled = eventAge(registry, "handled");
        this.ageWhenIndexed = eventAge(registry, "indexed");
        this.conflicts = Counter.builder("emporium.projection.write.conflicts")
                .description("documents written by someone else between a batch's read and its write (the batch is handled again)")
                .register(registry);
    }

    private static Timer eventAge(MeterRegistry registry, String stage) {
        return Timer.builder("emporium.projection.event.age").tag("stage", stage)
                .description("time from an event's creation until its batch is handled / indexed")
                // buckets, so that a benchmark can take percentiles over exactly its own window
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(1))
                .register(registry);
    }

    void bulk(int documents, long nanos) {
        bulkSizes.record(documents);
        bulkLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    void lostRaces(int documents) {
        conflicts.increment(documents);
    }

    /** Ages of a live batch's events: when the batch started and when its bulk request returned. */
    void eventAges(List<? extends Message<?>> batch, long handledAt, long indexedAt) {
        for (Message<?> message : batch) {
            if (!(message instanceof EventMessage<?> event)) continue;
            long createdAt = event.getTimestamp().toEpochMilli();
            ageWhenHandled.record(Math.max(0, handledAt - createdAt), TimeUnit.MILLISECONDS);
            ageWhenIndexed.record(Math.max(0, indexedAt - createdAt), TimeUnit.MILLISECONDS);
        }
    }
}
