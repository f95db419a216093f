package io.emporium.command.publishing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the two topics where they are missing, before the first send (a managed Kafka often does not make topics on
 * first use, and a broker that does would give them its default partitions), with the configured partitions, the
 * broker's replication factor, and Kafka's append time as the records' timestamps.
 */
final class KafkaTopics {

    private static final Logger log = LoggerFactory.getLogger(KafkaTopics.class);

    private KafkaTopics() {
    }

    /** Whether both topics exist now; a Kafka that does not answer is tried again with the next producer. */
    static boolean makeMissing(PublishingProperties properties) {
        Map<String, Object> settings = new HashMap<>(properties.kafka());
        settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        List<NewTopic> topics = List.of(properties.ordersTopic(), properties.productsTopic()).stream()
                .map(name -> new NewTopic(name, Optional.of(properties.partitions()), Optional.empty())
                        // a record's timestamp is when Kafka appended it: consumers (and the benchmark) see the publishing lag
                        .configs(Map.of("message.timestamp.type", "LogAppendTime"))).toList();
        try (Admin admin = Admin.create(settings)) {
            for (var created : admin.createTopics(topics).values().entrySet()) {
                try {
                    created.getValue().get(15, TimeUnit.SECONDS);
                    log.info("Made the Kafka topic {} ({} partitions)", created.getKey(), properties.partitions());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) throw e;
                }
            }
            return true;
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Cannot make the Kafka topics yet ({})", e instanceof ExecutionException ? e.getCause().toString() : "no answer");
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
