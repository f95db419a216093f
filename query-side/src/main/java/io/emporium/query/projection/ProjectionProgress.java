package io.emporium.query.projection;

import java.util.List;
import java.util.OptionalLong;

import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Where a projection is in the event stream, read from the token store so that every instance tells the same
 * story (a processor only knows the segments it holds itself), and how far behind the head of the store it is.
 */
@Component
public class ProjectionProgress {

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final EventStore eventStore;

    public ProjectionProgress(JdbcTemplate jdbc, Serializer serializer, EventStore eventStore) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.eventStore = eventStore;
    }

    /** The global index of the newest event in the store (-1 when empty). */
    public long head() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }

    /** The lowest position over the processor's segments: everything up to it is projected (-1: nothing yet). */
    public long position(String processorName) {
        List<OptionalLong> positions = jdbc.query("SELECT token, token_type FROM token_entry WHERE processor_name = ?",
                (rs, n) -> {
                    byte[] token = rs.getBytes("token");
                    if (token == null) return OptionalLong.of(-1);
                    TrackingToken tracking = serializer.deserialize(
                            new SimpleSerializedObject<>(token, byte[].class, rs.getString("token_type"), null));
                    return tracking == null ? OptionalLong.of(-1) : tracking.position();
                }, processorName);
        return positions.stream().mapToLong(p -> p.orElse(-1)).min().orElse(-1);
    }

    public Progress of(String processorName) {
        long head = head();
        long position = position(processorName);
        return new Progress(position, head, Math.max(0, head - position));
    }

    public record Progress(long position, long head, long lag) {
    }
}
