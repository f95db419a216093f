package io.emporium.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emporium.testsupport.TestDatabase;

/** What the crash tests read from the event store itself (SQL), never from a service that might be wrong. */
final class EventStoreFacts {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EventStoreFacts() {
    }

    record StoredEvent(String aggregate, String type, JsonNode payload, Instant at) {
    }

    static List<StoredEvent> events(TestDatabase database, String where) throws Exception {
        List<StoredEvent> events = new ArrayList<>();
        try (Connection c = database.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT aggregate_identifier, payload_type, convert_from(payload, 'UTF8'), time_stamp"
                     + " FROM command.domain_event_entry WHERE " + where + " ORDER BY global_index")) {
            while (rs.next()) {
                String type = rs.getString(2);
                events.add(new StoredEvent(rs.getString(1), type.substring(type.lastIndexOf('.') + 1),
                        JSON.readTree(rs.getString(3)), Instant.parse(rs.getString(4))));
            }
        }
        return events;
    }

    /** Until every segment of the processor is at the head of the event store, and the head stays put. */
    static void awaitCaughtUp(TestDatabase database, String processor, Duration timeout) {
        AtomicLong head = new AtomicLong(-1);
        await(processor + " at the head of the event store").atMost(timeout).pollInterval(Duration.ofSeconds(1)).until(() -> {
            long newHead = database.queryLong("SELECT coalesce(max(global_index), -1) FROM command.domain_event_entry");
            long position = database.queryLong("SELECT coalesce(min((convert_from(token, 'UTF8')::json->>'index')::bigint), -1)"
                    + " FROM command.token_entry WHERE processor_name = '" + processor + "'");
            return position >= newHead && newHead == head.getAndSet(newHead);
        });
    }

    record Stock(long reserved, Map<String, Long> heldByOrder) {
    }

    /** Folds a product's stock events, checking that no running figure is ever negative (I2). */
    static Stock foldStock(TestDatabase database, String product, long maxPerOrder) throws Exception {
        long onHand = 0;
        long reserved = 0;
        Map<String, Long> held = new HashMap<>();
        for (StoredEvent event : events(database, "aggregate_identifier = '" + product + "'")) {
            long quantity = event.payload().path("quantity").asLong();
            String order = event.payload().path("orderId").asText();
            switch (event.type()) {
                case "ProductCreatedEvent" -> onHand = event.payload().get("initialStock").asLong();
                case "StockReservedEvent" -> {
                    reserved += quantity;
                    held.merge(order, quantity, Long::sum);
                }
                case "StockReleasedEvent" -> {
                    reserved -= quantity;
                    held.merge(order, -quantity, Long::sum);
                }
                default -> { }
            }
            assertThat(reserved).as("I2: reserved after %s", event.payload()).isBetween(0L, onHand);
            assertThat(held.getOrDefault(order, 0L)).as("I2: held by %s after %s", order, event.payload()).isBetween(0L, maxPerOrder);
        }
        return new Stock(reserved, held);
    }
}
