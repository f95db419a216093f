package io.emporium.support.tracing;

import io.prometheus.metrics.tracer.common.SpanContext;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * No trace exemplars in /actuator/prometheus unless {@code emporium.metrics.exemplars=true}. Spring Boot adds them
 * whenever a sampled span is current (also with trace export off), and Micrometer puts them on summaries' and
 * histograms' {@code _count}, which Prometheus before 2.43 (Debian 12's 2.42, say) refuses: it drops the whole scrape.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.actuate.autoconfigure.tracing.prometheus.PrometheusExemplarsAutoConfiguration")
@ConditionalOnClass(SpanContext.class)
@ConditionalOnProperty(name = "emporium.metrics.exemplars", havingValue = "false", matchIfMissing = true)
public class NoExemplars {

    @Bean
    SpanContext noExemplars() {
        return new SpanContext() {
            @Override
            public String getCurrentTraceId() {
                return null;
            }

            @Override
            public String getCurrentSpanId() {
                return null;
            }

            @Override
            public boolean isCurrentSpanSampled() {
                return false;
            }

            @Override
            public void markCurrentSpanAsExemplar() {
            }
        };
    }
}
