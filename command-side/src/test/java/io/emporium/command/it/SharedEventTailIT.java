package io.emporium.command.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.emporium.support.axon.SharedEventTail;
import io.emporium.testsupport.TestDatabase;
import io.emporium.testsupport.TestServices;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tail the command service's processors read through, over the service's own event table in PostgreSQL: readers
 * near the head see exactly what the store gives a reader on its own, while the store is read once for all of them; a
 * reader the others left behind reads on its own and joins them again once it has caught up, also when it caught up
 * ahead of them; the commits of a read interval are read together.
 */
class SharedEventTailIT {

    private static TestDatabase database;
    private static CommandService service;
    private static EventStorageEngine storage;

    @BeforeAll
    static void start() {
        database = TestServices.newDatabase();
        service = CommandService.start(database);
        storage = service.bean(EventStorageEngine.class);
    }

    @AfterAll
    static void stop() {
        if (service != null) service.close();
    }

    @Test
    void readersAtTheHeadShareOneReadingAndSeeWhatTheStoreGives() throws Exception {
        createProducts("SHARED", 10);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (SharedEventTail tail = new SharedEventTail(storage, 400, 100, Duration.ofSeconds(1), Duration.ZERO).withMetrics(meters)) {
            BlockingStream<TrackedEventMessage<?>> first = tail.openStream(null);
            BlockingStream<TrackedEventMessage<?>> second = tail.openStream(null);
            List<String> expected = storedEventIds();

            assertThat(drain(first)).isEqualTo(expected);
            assertThat(drain(second)).isEqualTo(expected);
            createProducts("SHARED-MORE", 5);
            tail.eventsStored();
            List<String> now = storedEventIds();
            assertThat(drain(second)).isEqualTo(now.subList(expected.size(), now.size()));
            assertThat(drain(first)).isEqualTo(now.subList(expected.size(), now.size()));

            assertThat(read(meters, "shared")).as("events read once for both").isEqualTo(now.size());
            assertThat(read(meters, "alone")).isZero();
            first.close();
            second.close();
        }
    }

    @Test
    void aReaderLeftBehindReadsAloneAndJoinsAgainWhenCaughtUp() throws Exception {
        createProducts("BEHIND", 10);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        // keeps 10 events: the slow reader falls out as soon as the fast one is 10 ahead
        try (SharedEventTail tail = new SharedEventTail(storage, 10, 5, Duration.ofSeconds(1), Duration.ZERO).withMetrics(meters)) {
            BlockingStream<TrackedEventMessage<?>> fast = tail.openStream(null);
            BlockingStream<TrackedEventMessage<?>> slow = tail.openStream(null);
            List<String> expected = storedEventIds();
            List<String> slowSaw = new ArrayList<>(take(slow, 3));
            assertThat(drain(fast)).isEqualTo(expected);
            slowSaw.addAll(drain(slow));
            assertThat(slowSaw).as("the slow reader, partly on its own").isEqualTo(expected);
            long alone = read(meters, "alone");
            assertThat(alone).as("read alone once left behind").isGreaterThan(0);

            createProducts("BEHIND-MORE", 2);
            tail.eventsStored();
            List<String> now = storedEventIds();
            assertThat(drain(fast)).isEqualTo(now.subList(expected.size(), now.size()));
            assertThat(drain(slow)).isEqualTo(now.subList(expected.size(), now.size()));
            assertThat(read(meters, "alone")).as("back with the others: nothing more read alone").isEqualTo(alone);
            fast.close();
            slow.close();
        }
    }

    @Test
    void aReaderThatCaughtUpAheadOfTheKeptEventsJoinsThem() throws Exception {
        createProducts("AHEAD", 12);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (SharedEventTail tail = new SharedEventTail(storage, 10, 5, Duration.ofSeconds(1), Duration.ZERO).withMetrics(meters)) {
            BlockingStream<TrackedEventMessage<?>> fast = tail.openStream(null);
            int fastSaw = drain(fast).size();
            // stored while nobody looks: the kept events end before them
            createProducts("AHEAD-UNSEEN", 3);
            BlockingStream<TrackedEventMessage<?>> late = tail.openStream(null);
            List<String> stored = storedEventIds();
            assertThat(drain(late)).as("from the start, on its own, past the kept events").isEqualTo(stored);
            long alone = read(meters, "alone");
            assertThat(alone).isEqualTo(stored.size());

            createProducts("AHEAD-MORE", 2);
            tail.eventsStored();
            List<String> now = storedEventIds();
            List<String> unseenByFast = now.subList(fastSaw, now.size());
            assertThat(drain(late)).isEqualTo(now.subList(stored.size(), now.size()));
            assertThat(drain(fast)).isEqualTo(unseenByFast);
            assertThat(read(meters, "alone")).as("joined once caught up: nothing more read alone").isEqualTo(alone);
            fast.close();
            late.close();
        }
    }

    @Test
    void commitsWithinTheReadIntervalAreReadTogetherAndToldOnce() throws Exception {
        createProducts("PACED", 2);
        AtomicInteger told = new AtomicInteger();
        // a tick of a minute: only the commits tell the reader
        try (SharedEventTail tail = new SharedEventTail(storage, 400, 100, Duration.ofMinutes(1), Duration.ofSeconds(3))) {
            BlockingStream<TrackedEventMessage<?>> reader = tail.openStream(null);
            List<String> before = drain(reader);
            reader.setOnAvailableCallback(told::incrementAndGet);
            for (int i = 0; i < 4; i++) {
                service.createProduct("PACED-MORE-" + i, 5);
                tail.eventsStored();
            }
            assertThat(drain(reader)).as("within the interval since the last reading: not read yet").isEmpty();
            await().atMost(Duration.ofSeconds(10)).until(() -> told.get() > 0);
            Thread.sleep(500);
            assertThat(told).as("told once for the four").hasValue(1);
            List<String> now = storedEventIds();
            assertThat(drain(reader)).as("the four commits, in one reading").isEqualTo(now.subList(before.size(), now.size()));
            reader.close();
        }
    }

    private static void createProducts(String prefix, int count) {
        for (int i = 0; i < count; i++) service.createProduct(prefix + "-" + i, 5);
    }

    private static List<String> storedEventIds() {
        try (Stream<? extends TrackedEventMessage<?>> events = storage.readEvents(null, false)) {
            return events.map(TrackedEventMessage::getIdentifier).toList();
        }
    }

    private static List<String> drain(BlockingStream<TrackedEventMessage<?>> stream) throws InterruptedException {
        List<String> ids = new ArrayList<>();
        while (stream.hasNextAvailable()) ids.add(stream.nextAvailable().getIdentifier());
        return ids;
    }

    private static List<String> take(BlockingStream<TrackedEventMessage<?>> stream, int count) throws InterruptedException {
        List<String> ids = new ArrayList<>();
        while (ids.size() < count && stream.hasNextAvailable()) ids.add(stream.nextAvailable().getIdentifier());
        return ids;
    }

    private static long read(SimpleMeterRegistry meters, String reader) {
        return (long) meters.get("emporium.events.read").tag("reader", reader).functionCounter().count();
    }
}
