package io.emporium.command.publishing;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.DomainEventMessage;

/**
 * A public event as CloudEvents 1.0 writes it in JSON (structured mode).
 *
 * @param id                the stored event's identifier: the same on every send of it, for consumers to deduplicate
 * @param subject           the aggregate's id (also the Kafka key)
 * @param time              when the event was stored
 * @param aggregatesequence the event's number in its aggregate (0, 1, ...): an extension attribute, for consumers to
 *                          check the order
 */
@JsonPropertyOrder({"specversion", "id", "source", "type", "subject", "time", "datacontenttype", "aggregatesequence", "data"})
public record CloudEvent(String id, String source, String type, String subject, Instant time, long aggregatesequence,
                  Map<String, Object> data) {

    public static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

    /**
     * The JSON of the public event of a stored one, its source the configured one and its stream
     * ({@code /emporium/orders}): the bytes sent to Kafka and to webhooks alike.
     */
    public static byte[] json(ObjectMapper json, PublicEvents.PublicEvent event, DomainEventMessage<?> message, String source) {
        CloudEvent cloudEvent = new CloudEvent(message.getIdentifier(), source + "/" + event.stream(), event.type(),
                message.getAggregateIdentifier(), message.getTimestamp(), message.getSequenceNumber(), event.data());
        try {
            return json.writeValueAsBytes(cloudEvent);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the public event of " + message.getIdentifier(), e);
        }
    }

    @JsonProperty
    String specversion() {
        return "1.0";
    }

    @JsonProperty
    String datacontenttype() {
        return "application/json";
    }
}
