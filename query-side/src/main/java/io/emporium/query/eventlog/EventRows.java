package io.emporium.query.eventlog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;

/** Rows of the event table read by SQL of our own, turned into events as the processors see them (upcast, deserialized). */
public final class EventRows {

    /** The columns {@link #row} reads. */
    public static final String COLUMNS = "aggregate_identifier, sequence_number, type, event_identifier, time_stamp,"
            + " payload_type, payload_revision, payload, meta_data";

    private EventRows() {
    }

    public static DomainEventData<?> row(ResultSet rs) throws SQLException {
        return new GenericDomainEventEntry<>(rs.getString("type"), rs.getString("aggregate_identifier"),
                rs.getLong("sequence_number"), rs.getString("event_identifier"), rs.getString("time_stamp"),
                rs.getString("payload_type"), rs.getString("payload_revision"), rs.getBytes("payload"), rs.getBytes("meta_data"));
    }

    public static List<DomainEventMessage<?>> events(List<? extends DomainEventData<?>> rows, Serializer serializer, EventUpcaster upcasters) {
        return EventStreamUtils.upcastAndDeserializeDomainEvents(List.copyOf(rows).stream(), serializer, upcasters)
                .asStream().<DomainEventMessage<?>>map(event -> event).toList();
    }
}
