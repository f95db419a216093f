package io.emporium.support.axon;

import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;

/**
 * The event store both services use: Axon's JDBC storage engine over the event table (the command side appends, the
 * query side reads) and an embedded event store for appends, aggregates and direct reads. The event processors read
 * through a {@link SharedEventTail} instead; Axon's own shared read-ahead is off: it reads ahead of its slowest reader
 * without bound and filled a 512 MB heap when a million events arrived at once (found by the benchmark).
 */
public final class EventStores {

    private EventStores() {
    }

    /**
     * The event and snapshot tables (Flyway's V1), whose column names are those of Axon's JPA entries: the table
     * was first written through JPA, and its tracking tokens and history stay valid.
     */
    public static EventSchema tables(String eventTable, String snapshotTable) {
        return columns().eventTable(eventTable).snapshotTable(snapshotTable).build();
    }

    /** The event table alone, for readers that never load an aggregate (no snapshots). */
    public static EventSchema eventTable(String eventTable) {
        return columns().eventTable(eventTable).build();
    }

    private static EventSchema.Builder columns() {
        return EventSchema.builder()
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .metaDataColumn("meta_data");
    }

    public static EmbeddedEventStore withoutReadAhead(EventStorageEngine storageEngine, Configuration configuration) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .optimizeEventConsumption(false)
                .build();
    }
}
