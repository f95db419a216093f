package io.emporium.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The publishing lag as a consumer sees it: from an event's commit (its CloudEvent {@code time}) to Kafka's append of
 * its record (the topics' LogAppendTime, which the acknowledgement follows), for the events stored while it listens.
 */
final class PublishingLag implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Latencies lags = new Latencies();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread reader;
    private final Instant from = Instant.now();
    private volatile String timestampType = "none";

    PublishingLag(String bootstrapServers, List<String> topics) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-lag-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(topics);
        reader = new Thread(() -> {
            try (consumer) {
                while (running.get()) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) take(record);
                }
            }
        }, "publishing-lag");
        reader.setDaemon(true);
        reader.start();
    }

    private void take(ConsumerRecord<String, byte[]> record) {
        try {
            JsonNode event = JSON.readTree(record.value());
            Instant stored = Instant.parse(event.get("time").asText());
            if (stored.isBefore(from)) return;
            timestampType = record.timestampType() == TimestampType.LOG_APPEND_TIME ? "LogAppendTime" : record.timestampType().toString();
            lags.add(Duration.between(stored, Instant.ofEpochMilli(record.timestamp())).toNanos());
        } catch (Exception unreadable) {
            // not a CloudEvent of ours: not counted
        }
    }

    /** Deletes the topics a run before this one filled, so that the service makes them afresh with its first events. */
    static void deleteTopics(String bootstrapServers, List<String> topics) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            var existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<String> old = topics.stream().filter(existing::contains).toList();
            if (!old.isEmpty()) admin.deleteTopics(old).all().get(30, TimeUnit.SECONDS);
        }
    }

    record Result(double p50Ms, double p99Ms, int events, String timestampType) {
    }

    /** Stops listening after a grace period for the last events, and says what it measured. */
    Result stop(Duration grace) throws InterruptedException {
        Thread.sleep(grace.toMillis());
        running.set(false);
        reader.join(5000);
        return new Result(lags.percentileMillis(50), lags.percentileMillis(99), lags.count(), timestampType);
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        reader.join(5000);
    }
}
