package io.emporium.command.idempotency;

import java.time.Duration;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.beans.factory.annotation.Value;

/** Idempotency keys and the answers given to them, in PostgreSQL; they expire after a configurable time. */
@Component
public class IdempotencyStore {

    private final JdbcTemplate jdbc;
    private final Duration ttl;

    public IdempotencyStore(JdbcTemplate jdbc, @Value("${emporium.idempotency.ttl}") Duration ttl) {
        this.jdbc = jdbc;
        this.ttl = ttl;
    }

    /** Claims a key for a request; an expired claim of an earlier request is forgotten first. */
    public Claim claim(String key, String requestHash) {
        jdbc.update("DELETE FROM idempotency_key WHERE idempotency_key = ? AND created_at < now() - make_interval(secs => ?)",
                key, ttl.toSeconds());
        if (jdbc.update("INSERT INTO idempotency_key (idempotency_key, request_hash) VALUES (?, ?) ON CONFLICT DO NOTHING",
                key, requestHash) == 1) {
            return new Claim(Claim.Kind.NEW, null);
        }
        List<Claim> existing = jdbc.query("SELECT request_hash, status, location, etag, content_type, body FROM idempotency_key"
                + " WHERE idempotency_key = ?", (rs, n) -> {
            if (!rs.getString("request_hash").equals(requestHash)) return new Claim(Claim.Kind.DIFFERENT_REQUEST, null);
            int status = rs.getInt("status");
            if (rs.wasNull()) return new Claim(Claim.Kind.IN_PROGRESS, null);
            return new Claim(Claim.Kind.ANSWERED, new StoredAnswer(status, rs.getString("location"), rs.getString("etag"),
                    rs.getString("content_type"), rs.getBytes("body")));
        }, key);
        // deleted in between (expired): treat as in progress, the client retries
        return existing.isEmpty() ? new Claim(Claim.Kind.IN_PROGRESS, null) : existing.get(0);
    }

    public void answer(String key, StoredAnswer answer) {
        jdbc.update("UPDATE idempotency_key SET status = ?, location = ?, etag = ?, content_type = ?, body = ? WHERE idempotency_key = ?",
                answer.status(), answer.location(), answer.etag(), answer.contentType(), answer.body(), key);
    }

    public void release(String key) {
        jdbc.update("DELETE FROM idempotency_key WHERE idempotency_key = ?", key);
    }

    @Scheduled(fixedDelayString = "${emporium.idempotency.cleanup-interval}")
    public void deleteExpired() {
        jdbc.update("DELETE FROM idempotency_key WHERE created_at < now() - make_interval(secs => ?)", ttl.toSeconds());
    }

    public record Claim(Kind kind, StoredAnswer answer) {
        public enum Kind { NEW, ANSWERED, IN_PROGRESS, DIFFERENT_REQUEST }
    }

    public record StoredAnswer(int status, String location, String etag, String contentType, byte[] body) {
    }
}
