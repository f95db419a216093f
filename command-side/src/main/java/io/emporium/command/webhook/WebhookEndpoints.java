package io.emporium.command.webhook;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

/** The registered receivers (table webhook_endpoint) and their delivery logs. */
class WebhookEndpoints {

    private static final String ENDPOINT = "SELECT e.id, e.url, e.event_types, e.state, e.paused_reason, e.failing_since, e.created_by,"
            + " e.created_at, (SELECT count(*) FROM webhook_delivery d WHERE d.endpoint_id = e.id AND d.state = 'pending') AS backlog,"
            + " (SELECT max(delivered_at) FROM webhook_delivery d WHERE d.endpoint_id = e.id AND d.state = 'delivered') AS last_delivered"
            + " FROM webhook_endpoint e";
    private static final String DELIVERY = "SELECT id, event_id, event_type, aggregate_id, state, attempts, last_status, last_error,"
            + " created_at, next_attempt_at, delivered_at FROM webhook_delivery";

    private final JdbcTemplate jdbc;

    WebhookEndpoints(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param backlog       deliveries not yet made (kept while paused)
     * @param failingSince  since when every attempt failed; null while the last one succeeded
     */
    record WebhookEndpoint(UUID id, String url, List<String> eventTypes, String state, String pausedReason, Instant failingSince,
                    long backlog, Instant lastDelivered, String createdBy, Instant createdAt) {
    }

    /**
     * @param lastStatus the receiver's HTTP status at the last attempt; null where none came (see lastError)
     */
    record WebhookDelivery(long id, String eventId, String eventType, String aggregateId, String state, int attempts, Integer lastStatus,
                    String lastError, Instant createdAt, Instant nextAttemptAt, Instant deliveredAt) {
    }

    /** @param status null where no answer came */
    record WebhookAttempt(Instant at, Integer status, String error, int durationMillis) {
    }

    WebhookEndpoint register(String url, List<String> eventTypes, String secret, String createdBy) {
        UUID id = UUID.randomUUID();
        jdbc.update(c -> {
            var insert = c.prepareStatement("INSERT INTO webhook_endpoint (id, url, event_types, secret, created_by) VALUES (?, ?, ?, ?, ?)");
            insert.setObject(1, id);
            insert.setString(2, url);
            insert.setArray(3, c.createArrayOf("text", eventTypes.toArray()));
            insert.setString(4, secret);
            insert.setString(5, createdBy);
            return insert;
        });
        return find(id).orElseThrow();
    }

    List<WebhookEndpoint> all() {
        return jdbc.query(ENDPOINT + " ORDER BY e.created_at, e.id", WebhookEndpoints::endpoint);
    }

    Optional<WebhookEndpoint> find(UUID id) {
        return jdbc.query(ENDPOINT + " WHERE e.id = ?", WebhookEndpoints::endpoint, id).stream().findFirst();
    }

    /** Gone with its backlog and delivery log. */
    boolean delete(UUID id) {
        return jdbc.update("DELETE FROM webhook_endpoint WHERE id = ?", id) == 1;
    }

    boolean pause(UUID id, String reason) {
        return jdbc.update("UPDATE webhook_endpoint SET state = 'paused', paused_reason = ? WHERE id = ?", reason, id) == 1;
    }

    /** Active again, its backlog due now and its failures forgotten. */
    boolean resume(UUID id) {
        int updated = jdbc.update("UPDATE webhook_endpoint SET state = 'active', paused_reason = NULL, failing_since = NULL, failures = 0,"
                + " retry_at = now() WHERE id = ?", id);
        jdbc.update("UPDATE webhook_delivery SET next_attempt_at = now() WHERE endpoint_id = ? AND state = 'pending'", id);
        return updated == 1;
    }

    /** A pending delivery due now (a delivered one is not sent again: false). */
    boolean retry(UUID endpoint, long delivery) {
        boolean due = jdbc.update("UPDATE webhook_delivery SET next_attempt_at = now() WHERE id = ? AND endpoint_id = ? AND state = 'pending'",
                delivery, endpoint) == 1;
        if (due) jdbc.update("UPDATE webhook_endpoint SET retry_at = now() WHERE id = ?", endpoint);
        return due;
    }

    /** The newest deliveries first, from before {@code beforeId} when given. */
    List<WebhookDelivery> deliveries(UUID endpoint, Long beforeId, int limit) {
        return jdbc.query(DELIVERY + " WHERE endpoint_id = ? AND id < ? ORDER BY id DESC LIMIT ?", WebhookEndpoints::delivery,
                endpoint, beforeId == null ? Long.MAX_VALUE : beforeId, limit);
    }

    Optional<WebhookDelivery> delivery(UUID endpoint, String eventId) {
        return jdbc.query(DELIVERY + " WHERE endpoint_id = ? AND event_id = ?", WebhookEndpoints::delivery, endpoint, eventId).stream().findFirst();
    }

    /** A delivery's attempts, the newest first. */
    List<WebhookAttempt> attempts(long delivery) {
        return jdbc.query("SELECT attempted_at, status, error, duration_ms FROM webhook_attempt WHERE delivery_id = ? ORDER BY id DESC LIMIT 50",
                (rs, n) -> new WebhookAttempt(instant(rs, "attempted_at"), (Integer) rs.getObject("status"), rs.getString("error"),
                        rs.getInt("duration_ms")), delivery);
    }

    private static WebhookEndpoint endpoint(ResultSet rs, int row) throws SQLException {
        Array types = rs.getArray("event_types");
        return new WebhookEndpoint(rs.getObject("id", UUID.class), rs.getString("url"), Arrays.asList((String[]) types.getArray()),
                rs.getString("state"), rs.getString("paused_reason"), instant(rs, "failing_since"), rs.getLong("backlog"),
                instant(rs, "last_delivered"), rs.getString("created_by"), instant(rs, "created_at"));
    }

    private static WebhookDelivery delivery(ResultSet rs, int row) throws SQLException {
        return new WebhookDelivery(rs.getLong("id"), rs.getString("event_id"), rs.getString("event_type"), rs.getString("aggregate_id"),
                rs.getString("state"), rs.getInt("attempts"), (Integer) rs.getObject("last_status"), rs.getString("last_error"),
                instant(rs, "created_at"), instant(rs, "next_attempt_at"), instant(rs, "delivered_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }
}
