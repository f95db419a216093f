package io.emporium.support.axon;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/** Axon's meters as both services export them: see {@link AxonMetricsWithoutCapacity}. */
@AutoConfiguration(beforeName = "org.axonframework.springboot.autoconfig.MicrometerMetricsAutoConfiguration")
@ConditionalOnClass(GlobalMetricRegistry.class)
public class AxonMetrics {

    @Bean
    GlobalMetricRegistry axonMetricRegistry(MeterRegistry registry) {
        return new AxonMetricsWithoutCapacity(registry);
    }
}
