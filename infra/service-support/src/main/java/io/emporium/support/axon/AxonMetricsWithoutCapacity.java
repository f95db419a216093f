package io.emporium.support.axon;

import java.util.List;
import java.util.function.Function;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.EventProcessorLatencyMonitor;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MessageCountingMonitor;
import org.axonframework.micrometer.MessageTimerMonitor;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;

/**
 * Axon's meters of event processors and the command bus (counts, handling times, processors' latency), without
 * Axon's {@code capacity} gauge: it keeps every handled message of the last ten minutes in a sliding window (millions
 * of entries at a rebuild's pace, a good part of a 512 MB heap) and copies that window at every scrape (7% of the
 * query service's CPU in the benchmark). Handling time and counts give the same picture.
 */
public class AxonMetricsWithoutCapacity extends GlobalMetricRegistry {

    public AxonMetricsWithoutCapacity(MeterRegistry registry) {
        super(registry);
    }

    @Override
    public MessageMonitor<? super EventMessage<?>> registerEventProcessor(String name,
                                                                           Function<Message<?>, Iterable<Tag>> tags,
                                                                           Function<Message<?>, Iterable<Tag>> latencyTags) {
        return new MultiMessageMonitor<>(List.of(
                MessageTimerMonitor.buildMonitor(name, getRegistry(), tags),
                EventProcessorLatencyMonitor.builder().meterNamePrefix(name).meterRegistry(getRegistry())
                        .tagsBuilder(latencyTags).build(),
                MessageCountingMonitor.buildMonitor(name, getRegistry(), tags)));
    }

    @Override
    public MessageMonitor<? super CommandMessage<?>> registerCommandBus(String name, Function<Message<?>, Iterable<Tag>> tags) {
        return new MultiMessageMonitor<>(List.of(
                MessageTimerMonitor.buildMonitor(name, getRegistry(), tags),
                MessageCountingMonitor.buildMonitor(name, getRegistry(), tags)));
    }
}
