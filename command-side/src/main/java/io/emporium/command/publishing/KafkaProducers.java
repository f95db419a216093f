package io.emporium.command.publishing;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;

/**
 * The publisher's producer, made when first needed (with the topics, where they are missing) and made anew after a
 * failed batch (what the old one still held is dropped with it, and the batch goes again from its start).
 */
class KafkaProducers implements DisposableBean {

    private final PublishingProperties properties;
    private final Map<String, Object> settings;
    private Producer<String, byte[]> producer;
    private boolean topicsMade;

    KafkaProducers(PublishingProperties properties) {
        this.properties = properties;
        Map<String, Object> settings = new HashMap<>(properties.kafka());
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "emporium-publisher");
        // every in-sync replica has it before it counts as sent; retries neither duplicate nor reorder within a partition
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        // a batch is awaited as a whole: a few milliseconds of lingering fill Kafka's batches without adding lag
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        settings.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // a Kafka that is away: send() waits this long for metadata, the batch fails, and it goes again later
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) Duration.ofSeconds(10).toMillis());
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) properties.ackTimeout().toMillis());
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(30_000, properties.ackTimeout().toMillis() / 2));
        this.settings = settings;
    }

    synchronized Producer<String, byte[]> current() {
        if (producer == null) {
            topicsMade = topicsMade || KafkaTopics.makeMissing(properties);
            producer = new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    synchronized void discard() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    @Override
    public synchronized void destroy() {
        if (producer != null) producer.close(Duration.ofSeconds(5));
    }
}
