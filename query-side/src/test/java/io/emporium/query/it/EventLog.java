package io.emporium.query.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.emporium.testsupport.TestDatabase;
import org.axonframework.serialization.Revision;

/**
 * Appends events to the event table the way the command side's JPA storage engine does (Jackson payloads),
 * standing in for the command service in query-side tests.
 */
final class EventLog {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    private final TestDatabase database;
    private final Map<String, Long> nextSequence = new HashMap<>();

    EventLog(TestDatabase database) {
        this.database = database;
    }

    /** @return the event's sequence number in its aggregate */
    synchronized long append(String aggregateType, String aggregateId, Object event) {
        appendAll(aggregateType, java.util.List.of(java.util.Map.entry(aggregateId, event)));
        return nextSequence.get(aggregateId) - 1;
    }

    /** Appends many events in one transaction, in the order given. */
    synchronized void appendAll(String aggregateType, java.util.List<java.util.Map.Entry<String, Object>> events) {
        try (Connection c = database.connect()) {
            c.setAutoCommit(false);
            appendAll(c, aggregateType, events);
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Appends a product event in the caller's transaction, which may commit much later (or never). */
    synchronized long productInOpenTransaction(Connection open, String productId, Object event) {
        appendAll(open, "Product", java.util.List.of(java.util.Map.entry(productId, event)));
        return nextSequence.get(productId) - 1;
    }

    private void appendAll(Connection c, String aggregateType, java.util.List<java.util.Map.Entry<String, Object>> events) {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO command.domain_event_entry (global_index, aggregate_identifier, sequence_number, type, event_identifier,"
                        + " payload_type, payload_revision, payload, meta_data, time_stamp)"
                        + " VALUES (nextval('command.domain_event_entry_global_index_seq'), ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int n = 0;
            for (java.util.Map.Entry<String, Object> entry : events) {
                Object event = entry.getValue();
                Revision revision = event.getClass().getAnnotation(Revision.class);
                insert.setString(1, entry.getKey());
                insert.setLong(2, nextSequence.merge(entry.getKey(), 1L, Long::sum) - 1);
                insert.setString(3, aggregateType);
                insert.setString(4, UUID.randomUUID().toString());
                insert.setString(5, event.getClass().getName());
                insert.setString(6, revision == null ? null : revision.value());
                insert.setBytes(7, JSON.writeValueAsBytes(event));
                insert.setBytes(8, "{}".getBytes());
                insert.setString(9, Instant.now().toString());
                insert.addBatch();
                if (++n % 1000 == 0) insert.executeBatch();
            }
            insert.executeBatch();
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An event as an older version stored it: its type's name, its revision (or none) and its JSON as it was. */
    synchronized long appendStored(String aggregateType, String aggregateId, String payloadType, String revision, String json) {
        long sequence = nextSequence.merge(aggregateId, 1L, Long::sum) - 1;
        try (Connection c = database.connect(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO command.domain_event_entry (global_index, aggregate_identifier, sequence_number, type, event_identifier,"
                        + " payload_type, payload_revision, payload, meta_data, time_stamp) VALUES"
                        + " (nextval('command.domain_event_entry_global_index_seq'), ?, ?, ?, ?, ?, ?, convert_to(?, 'UTF8'), convert_to('{}', 'UTF8'), ?)")) {
            Object[] values = {aggregateId, sequence, aggregateType, UUID.randomUUID().toString(), payloadType, revision, json, Instant.now().toString()};
            for (int i = 0; i < values.length; i++) insert.setObject(i + 1, values[i]);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return sequence;
    }

    long product(String productId, Object event) {
        return append("Product", productId, event);
    }

    long order(String orderId, Object event) {
        return append("Order", orderId, event);
    }
}
