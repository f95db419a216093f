package io.emporium.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A consumer of the public events as another service would be one: it reads the topics from their start, in a group
 * of its own, and keeps every record it got (repeats included) in the order of each partition.
 */
public final class PublishedEvents implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One record as read: where it was, its key, its CloudEvent and its content-type header. */
    public record Received(String topic, int partition, long offset, String key, JsonNode event, String contentType) {
        public String id() {
            return event.path("id").asText();
        }

        public String subject() {
            return event.path("subject").asText();
        }

        public long sequence() {
            return event.path("aggregatesequence").asLong();
        }
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<Received> received = new ArrayList<>();

    public PublishedEvents(String bootstrapServers, List<String> topics) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(topics);
    }

    /** Reads until the condition holds over everything read so far, or fails after the time given. */
    public List<Received> readUntil(Predicate<List<Received>> condition, Duration atMost) {
        Instant until = Instant.now().plus(atMost);
        while (!condition.test(received)) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("Within " + atMost + " the topics did not hold what was awaited; read " + received.size() + " records");
            }
            poll();
        }
        return List.copyOf(received);
    }

    private void poll() {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
            try {
                var header = record.headers().lastHeader("content-type");
                received.add(new Received(record.topic(), record.partition(), record.offset(), record.key(), JSON.readTree(record.value()),
                        header == null ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8)));
            } catch (java.io.IOException e) {
                throw new AssertionError("A record that is not JSON at " + record.topic() + "/" + record.partition() + "@" + record.offset(), e);
            }
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
