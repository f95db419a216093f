package io.emporium.support.tracing;

import io.opentelemetry.api.OpenTelemetry;
import org.axonframework.tracing.SpanFactory;
import org.axonframework.tracing.opentelemetry.OpenTelemetrySpanFactory;
import org.springframework.boot.actuate.autoconfigure.tracing.ConditionalOnEnabledTracing;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Axon's spans (command dispatch and handling, the aggregate's load and the append, event processors' batches and
 * handlers, sagas, deadlines) on the OpenTelemetry that Spring Boot configured for the HTTP spans, so that one request
 * is one trace and its exporter (Zipkin or OTLP) gets all of it. The trace context travels in the messages' metadata,
 * which lets the query service's projection of an event and the saga's reaction join the trace of the request that
 * stored it. Without tracing enabled Axon keeps its no-op span factory.
 */
@AutoConfiguration(afterName = "org.springframework.boot.actuate.autoconfigure.opentelemetry.OpenTelemetryAutoConfiguration",
        beforeName = "org.axonframework.springboot.autoconfig.AxonTracingAutoConfiguration")
@ConditionalOnClass({OpenTelemetrySpanFactory.class, OpenTelemetry.class})
@ConditionalOnEnabledTracing
public class AxonTracing {

    @Bean
    @ConditionalOnBean(OpenTelemetry.class)
    SpanFactory axonSpanFactory(OpenTelemetry openTelemetry) {
        return OpenTelemetrySpanFactory.builder()
                .tracer(openTelemetry.getTracer("AxonFramework-OpenTelemetry"))
                .contextPropagators(openTelemetry.getPropagators().getTextMapPropagator())
                .build();
    }
}
