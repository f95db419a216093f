package io.emporium.command.webhook;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.emporium.command.publishing.CloudEvent;
import io.emporium.command.publishing.PublicEvents;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads the stored events in order and writes what each endpoint is owed: one delivery per public event and endpoint
 * that subscribed to its type, in the transaction that stores this processor's token. So a crash writes a batch's
 * deliveries again or not at all (the unique event id per endpoint takes the repeat), and the deliveries' order is the
 * event store's. An endpoint receives what this processor reads after it was registered.
 */
@ProcessingGroup(WebhookQueue.PROCESSOR)
class WebhookQueue {

    static final String PROCESSOR = "webhooks";
    private static final String BATCH = WebhookQueue.class.getName();
    private static final List<Owed> NO_ENDPOINTS = List.of();

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final String source;

    WebhookQueue(JdbcTemplate jdbc, ObjectMapper json, String source) {
        this.jdbc = jdbc;
        this.json = json;
        this.source = source;
    }

    private record Owed(String eventId, String type, String aggregateId, byte[] body) {
    }

    @EventHandler
    void on(Object payload, DomainEventMessage<?> message) {
        PublicEvents.of(payload).ifPresent(event -> {
            List<Owed> batch = batch();
            if (batch != NO_ENDPOINTS) {
                batch.add(new Owed(message.getIdentifier(), event.type(), message.getAggregateIdentifier(),
                        CloudEvent.json(json, event, message, source)));
            }
        });
    }

    /** The batch's deliveries, written together before it commits; none while no endpoint exists. */
    private List<Owed> batch() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(BATCH, key -> {
            if (!Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM webhook_endpoint)", Boolean.class))) return NO_ENDPOINTS;
            List<Owed> batch = new ArrayList<>();
            unitOfWork.onPrepareCommit(u -> write(batch));
            return batch;
        });
    }

    private void write(List<Owed> batch) {
        jdbc.batchUpdate("INSERT INTO webhook_delivery (endpoint_id, event_id, event_type, aggregate_id, body)"
                + " SELECT id, ?, ?, ?, ? FROM webhook_endpoint WHERE ? = ANY (event_types) ORDER BY created_at, id"
                + " ON CONFLICT (endpoint_id, event_id) DO NOTHING", batch, 200, (insert, owed) -> {
            insert.setString(1, owed.eventId());
            insert.setString(2, owed.type());
            insert.setString(3, owed.aggregateId());
            insert.setBytes(4, owed.body());
            insert.setString(5, owed.type());
        });
    }
}
