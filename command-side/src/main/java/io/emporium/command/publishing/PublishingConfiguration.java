package io.emporium.command.publishing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;

/** Publishing to Kafka, on where {@code EMPORIUM_KAFKA_BOOTSTRAP_SERVERS} names the brokers. */
@Configuration
@EnableConfigurationProperties(PublishingProperties.class)
@ConditionalOnExpression("!'${emporium.publishing.bootstrap-servers:}'.isBlank()")
class PublishingConfiguration {

    @Bean
    KafkaProducers kafkaProducers(PublishingProperties properties) {
        return new KafkaProducers(properties);
    }

    @Bean
    PublishingProgress publishingProgress(@Lazy EventProcessingConfiguration processing, JdbcTemplate jdbc, MeterRegistry meters) {
        return new PublishingProgress(processing, jdbc, meters);
    }

    @Bean
    KafkaPublisher kafkaPublisher(KafkaProducers producers, PublishingProperties properties, ObjectMapper json,
                                  PublishingProgress progress, MeterRegistry meters) {
        return new KafkaPublisher(producers, properties, json, progress, meters);
    }

    @Bean
    PublishingControl publishingControl(PublishingProgress progress, JdbcTemplate jdbc) {
        return new PublishingControl(progress, jdbc);
    }

    @Bean("publishing")
    PublishingHealthIndicator publishingHealthIndicator(PublishingProgress progress) {
        return new PublishingHealthIndicator(progress);
    }

    /** A batch Kafka did not acknowledge fails, and is sent again later (Axon's default would log it and go on). */
    @Bean
    ConfigurerModule publishingErrors() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(KafkaPublisher.PROCESSOR, c -> PropagatingErrorHandler.instance());
    }
}
