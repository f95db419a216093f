package io.emporium.command.publishing;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the public events go. Publishing is on where {@code bootstrapServers} is set.
 *
 * @param bootstrapServers the Kafka brokers (host:port,...); empty: nothing is published
 * @param ordersTopic      the topic of order and payment events (key: the order id)
 * @param productsTopic    the topic of product events (key: the product id)
 * @param source           the CloudEvents {@code source} of every event
 * @param partitions       the partitions of a topic this service makes (where it is missing)
 * @param ackTimeout       how long a batch waits for Kafka's acknowledgements before it fails and is sent again
 * @param kafka            further producer settings, as Kafka names them: TLS and SASL of a managed Kafka
 *                         ({@code security.protocol}, {@code sasl.mechanism}, {@code sasl.jaas.config},
 *                         {@code ssl.truststore.location}, ...)
 */
@ConfigurationProperties("emporium.publishing")
record PublishingProperties(String bootstrapServers, String ordersTopic, String productsTopic, String source,
                            int partitions, Duration ackTimeout, Map<String, String> kafka) {

    PublishingProperties {
        // settings left empty (no SASL, no trust store) are not given to Kafka at all
        kafka = kafka == null ? Map.of() : kafka.entrySet().stream().filter(e -> e.getValue() != null && !e.getValue().isBlank())
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    String topicOf(String stream) {
        return PublicEvents.ORDERS.equals(stream) ? ordersTopic : productsTopic;
    }
}
