package io.emporium.command.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Webhooks: endpoints registered through the API, owed deliveries written by the processor "webhooks", and senders. */
@Configuration
@EnableConfigurationProperties(WebhookProperties.class)
class WebhookConfiguration {

    @Bean
    ReceiverAddresses receiverAddresses(WebhookProperties properties) {
        return new ReceiverAddresses(properties.allowedNetworks());
    }

    @Bean
    WebhookEndpoints webhookEndpoints(JdbcTemplate jdbc) {
        return new WebhookEndpoints(jdbc);
    }

    @Bean
    WebhookQueue webhookQueue(JdbcTemplate jdbc, ObjectMapper json, @Value("${emporium.publishing.source}") String source) {
        return new WebhookQueue(jdbc, json, source);
    }

    @Bean
    WebhookSender webhookSender(JdbcTemplate jdbc, WebhookProperties properties, ReceiverAddresses addresses, MeterRegistry meters) {
        return new WebhookSender(jdbc, properties, addresses, meters);
    }
}
