package io.emporium.command.idempotency;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Idempotency keys, the answers given to them and the results of their commands, in PostgreSQL. A claim is held for
 * a lease and can be taken over when it has passed; keys expire after a configurable time.
 */
@Component
public class IdempotencyStore {

    private final JdbcTemplate jdbc;
    private final Duration ttl;
    private final Duration lease;

    public IdempotencyStore(JdbcTemplate jdbc, @Value("${emporium.idempotency.ttl}") Duration ttl,
                            @Value("${emporium.idempotency.lease}") Duration lease) {
        this.jdbc = jdbc;
        this.ttl = ttl;
        this.lease = lease;
    }

    /** Claims a key for a request; an expired key of an earlier request is forgotten first. */
    public Claim claim(String key, String requestHash) {
        jdbc.update("DELETE FROM idempotency_key WHERE idempotency_key = ? AND created_at < now() - make_interval(secs => ?)",
                key, ttl.toSeconds());
        if (jdbc.update("INSERT INTO idempotency_key (idempotency_key, request_hash, lease_until)"
                + " VALUES (?, ?, now() + make_interval(secs => ?)) ON CONFLICT DO NOTHING", key, requestHash, seconds(lease)) == 1) {
            return new Claim(Claim.Kind.NEW, null);
        }
        List<Claim> existing = jdbc.query("SELECT request_hash, status, location, etag, content_type, body,"
                + " lease_until <= now() AS lease_passed FROM idempotency_key WHERE idempotency_key = ?", (rs, n) -> {
            if (!rs.getString("request_hash").equals(requestHash)) return new Claim(Claim.Kind.DIFFERENT_REQUEST, null);
            int status = rs.getInt("status");
            if (!rs.wasNull()) {
                return new Claim(Claim.Kind.ANSWERED, new StoredAnswer(status, rs.getString("location"), rs.getString("etag"),
                        rs.getString("content_type"), rs.getBytes("body")));
            }
            return new Claim(rs.getBoolean("lease_passed") ? Claim.Kind.ABANDONED : Claim.Kind.IN_PROGRESS, null);
        }, key);
        if (existing.isEmpty()) return new Claim(Claim.Kind.IN_PROGRESS, null); // expired in between: the client retries
        if (existing.get(0).kind() != Claim.Kind.ABANDONED) return existing.get(0);
        // the first request's handler is gone (it crashed, or answered 5xx): take its claim over, unless another did
        boolean takenOver = jdbc.update("UPDATE idempotency_key SET lease_until = now() + make_interval(secs => ?)"
                + " WHERE idempotency_key = ? AND status IS NULL AND lease_until <= now()", seconds(lease), key) == 1;
        return new Claim(takenOver ? Claim.Kind.NEW : Claim.Kind.IN_PROGRESS, null);
    }

    public void answer(String key, StoredAnswer answer) {
        jdbc.update("UPDATE idempotency_key SET status = ?, location = ?, etag = ?, content_type = ?, body = ? WHERE idempotency_key = ?",
                answer.status(), answer.location(), answer.etag(), answer.contentType(), answer.body(), key);
    }

    /** The request failed (5xx) before an answer could be kept: a retry may take the claim over at once. */
    public void endLease(String key) {
        jdbc.update("UPDATE idempotency_key SET lease_until = now() WHERE idempotency_key = ? AND status IS NULL", key);
    }

    /**
     * In the command's transaction: waits until no other command with this key is under way, then answers what an
     * earlier one with this key answered, if one committed.
     */
    Optional<String> lockAndFindCommandResult(String key) {
        jdbc.queryForList("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", key);
        // a new statement: it sees what the command that held the lock committed
        List<String> results = jdbc.queryForList("SELECT command_result FROM idempotency_key WHERE idempotency_key = ?"
                + " AND command_result IS NOT NULL", String.class, key);
        return results.stream().findFirst();
    }

    /** In the command's transaction: kept if and only if the command's events are. */
    void recordCommandResult(String key, String result) {
        jdbc.update("UPDATE idempotency_key SET command_result = ? WHERE idempotency_key = ?", result, key);
    }

    @Scheduled(fixedDelayString = "${emporium.idempotency.cleanup-interval}")
    public void deleteExpired() {
        jdbc.update("DELETE FROM idempotency_key WHERE created_at < now() - make_interval(secs => ?)", ttl.toSeconds());
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    public record Claim(Kind kind, StoredAnswer answer) {
        /** ABANDONED only inside {@link #claim}: it becomes NEW (taken over) or IN_PROGRESS. */
        public enum Kind { NEW, ANSWERED, IN_PROGRESS, ABANDONED, DIFFERENT_REQUEST }
    }

    public record StoredAnswer(int status, String location, String etag, String contentType, byte[] body) {
    }
}
