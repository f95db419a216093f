package io.emporium.command.publishing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * The event store as the outbox: this processor reads the stored events in order and sends the public ones to Kafka.
 * A batch's sends are awaited (acks=all, an idempotent producer) before its token is stored, so a crash or a Kafka that
 * is away makes the batch go again from the last stored token: every public event is sent at least once, an
 * aggregate's events in their order (one key, one partition), each with the stored event's identifier as its id.
 */
@ProcessingGroup(KafkaPublisher.PROCESSOR)
class KafkaPublisher {

    static final String PROCESSOR = "publishing";
    private static final Logger log = LoggerFactory.getLogger(KafkaPublisher.class);
    private static final String BATCH = KafkaPublisher.class.getName();

    private final KafkaProducers producers;
    private final PublishingProperties properties;
    private final ObjectMapper json;
    private final PublishingProgress progress;
    private final Timer lag;

    KafkaPublisher(KafkaProducers producers, PublishingProperties properties, ObjectMapper json, PublishingProgress progress,
                   MeterRegistry meters) {
        this.producers = producers;
        this.properties = properties;
        this.json = json;
        this.progress = progress;
        this.lag = Timer.builder("emporium.publishing.lag")
                .description("From an event's commit to Kafka's acknowledgement of its public event")
                .publishPercentiles(0.5, 0.99).publishPercentileHistogram().register(meters);
    }

    @EventHandler
    void on(Object payload, DomainEventMessage<?> message, TrackingToken token) {
        PublicEvents.of(payload).ifPresent(event -> {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(properties.topicOf(event.stream()), null,
                    message.getAggregateIdentifier(), CloudEvent.json(json, event, message, properties.source()));
            record.headers().add(new RecordHeader("content-type", CloudEvent.CONTENT_TYPE.getBytes(UTF_8)));
            batch().add(producers.current().send(record), message.getTimestamp());
        });
        token.position().ifPresent(position -> batch().reached(position));
    }

    /** The sends of the batch being handled, awaited once before it commits. */
    private Batch batch() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(BATCH, key -> {
            Batch batch = new Batch();
            unitOfWork.onPrepareCommit(u -> batch.awaitAcknowledged());
            return batch;
        });
    }

    private final class Batch {
        private final List<Future<RecordMetadata>> sends = new ArrayList<>();
        private final List<Instant> committedAt = new ArrayList<>();
        private long position = -1;

        /**
         * A send refused at once (no metadata within max.block.ms: Kafka away; a record too large) fails the batch here,
         * before a later event of the same aggregate can be sent past it. Once in the producer's buffer, a partition's
         * records are written in order or not at all (idempotent producer).
         */
        void add(Future<RecordMetadata> send, Instant eventTime) {
            if (send.isDone()) acknowledged(send, 0);
            sends.add(send);
            committedAt.add(eventTime);
        }

        void reached(long position) {
            this.position = Math.max(this.position, position);
        }

        void awaitAcknowledged() {
            long deadline = System.nanoTime() + properties.ackTimeout().toNanos();
            for (int i = 0; i < sends.size(); i++) {
                acknowledged(sends.get(i), Math.max(0, deadline - System.nanoTime()));
                lag.record(Duration.between(committedAt.get(i), Instant.now()));
            }
            progress.published(position);
        }

        /** Waits for one send's acknowledgement; anything else fails the batch. */
        private void acknowledged(Future<RecordMetadata> send, long timeoutNanos) {
            try {
                send.get(timeoutNanos, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failed("interrupted", e);
            } catch (ExecutionException | TimeoutException e) {
                throw failed(e instanceof TimeoutException ? "no acknowledgement within " + properties.ackTimeout()
                        : e.getCause().toString(), e);
            }
        }

        private PublishingFailedException failed(String why, Exception cause) {
            // what this producer still holds may arrive or not; a fresh one sends the batch again, in its order
            producers.discard();
            progress.failed(why);
            log.warn("Publishing a batch of {} events failed ({}); it is sent again from the last stored position", sends.size(), why);
            return new PublishingFailedException(why, cause);
        }
    }

    static final class PublishingFailedException extends RuntimeException {
        PublishingFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
