package io.emporium.command.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Sends what endpoints are owed. A sender leases the oldest due delivery whose endpoint is active and not backing off
 * and which has no earlier pending delivery of the same endpoint and aggregate (so each aggregate's events arrive in
 * order), sends it signed without holding a database connection, and records the attempt. A failure backs off the
 * delivery and its endpoint; an endpoint failing for longer than the pause time is paused with its backlog kept.
 * Instances share the work through the lease (a sender that dies lets its delivery go when the lease ends), so a
 * delivery may arrive twice, under the same {@code webhook-id}, but never after a later one of its aggregate.
 */
class WebhookSender implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);
    private static final String CLAIM = """
            UPDATE webhook_delivery d SET leased_until = now() + ? * interval '1 millisecond', attempts = d.attempts + 1
            FROM webhook_endpoint e
            WHERE e.id = d.endpoint_id AND d.id = (
                SELECT q.id FROM webhook_delivery q JOIN webhook_endpoint qe ON qe.id = q.endpoint_id
                WHERE q.state = 'pending' AND q.next_attempt_at <= now() AND (q.leased_until IS NULL OR q.leased_until < now())
                  AND qe.state = 'active' AND qe.retry_at <= now()
                  AND NOT EXISTS (SELECT 1 FROM webhook_delivery p WHERE p.endpoint_id = q.endpoint_id
                                  AND p.aggregate_id = q.aggregate_id AND p.state = 'pending' AND p.id < q.id)
                ORDER BY q.next_attempt_at, q.id LIMIT 1 FOR UPDATE OF q SKIP LOCKED)
            RETURNING d.id, d.endpoint_id, d.event_id, d.body, d.attempts, e.url, e.secret""";

    private final JdbcTemplate jdbc;
    private final WebhookProperties properties;
    private final ReceiverAddresses addresses;
    private final HttpClient http;
    private final Counter delivered;
    private final Counter failed;
    private volatile ExecutorService senders;
    private volatile boolean running;
    private final AtomicLong nextCleanup = new AtomicLong();

    WebhookSender(JdbcTemplate jdbc, WebhookProperties properties, ReceiverAddresses addresses, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.addresses = addresses;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(properties.connectTimeout()).build();
        this.delivered = Counter.builder("emporium.webhooks.deliveries").tag("outcome", "delivered")
                .description("Webhook delivery attempts").register(meters);
        this.failed = Counter.builder("emporium.webhooks.deliveries").tag("outcome", "failed")
                .description("Webhook delivery attempts").register(meters);
    }

    private record Leased(long id, UUID endpoint, String eventId, byte[] body, int attempts, String url, String secret) {
    }

    private record Outcome(Integer status, String error) {
        boolean delivered() {
            return status != null && status >= 200 && status < 300;
        }
    }

    @Override
    public void start() {
        running = true;
        AtomicInteger number = new AtomicInteger();
        senders = Executors.newFixedThreadPool(properties.senders(), r -> {
            Thread thread = new Thread(r, "webhook-sender-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < properties.senders(); i++) senders.execute(this::sendWhileRunning);
    }

    @Override
    public void stop() {
        running = false;
        senders.shutdownNow();
        try {
            senders.awaitTermination(properties.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void sendWhileRunning() {
        while (running) {
            try {
                if (!sendOne()) {
                    forgetOldDeliveriesHourly();
                    Thread.sleep(properties.pollInterval().toMillis());
                }
            } catch (InterruptedException e) {
                return;
            } catch (DataAccessException e) {
                log.warn("Webhook deliveries wait: the database is not reachable ({})", e.getMostSpecificCause().toString());
                sleepQuietly(properties.pollInterval().multipliedBy(5));
            }
        }
    }

    /** Sends the next due delivery; false when none is due. */
    private boolean sendOne() throws InterruptedException {
        long lease = properties.connectTimeout().plus(properties.timeout()).plusSeconds(30).toMillis();
        List<Leased> leased = jdbc.query(CLAIM, (rs, n) -> new Leased(rs.getLong("id"), rs.getObject("endpoint_id", UUID.class),
                rs.getString("event_id"), rs.getBytes("body"), rs.getInt("attempts"), rs.getString("url"), rs.getString("secret")), lease);
        if (leased.isEmpty()) return false;
        Leased delivery = leased.get(0);
        long started = System.nanoTime();
        Outcome outcome = send(delivery);
        record(delivery, outcome, (int) Duration.ofNanos(System.nanoTime() - started).toMillis());
        return true;
    }

    private Outcome send(Leased delivery) throws InterruptedException {
        try {
            URI uri = URI.create(delivery.url());
            addresses.checkAddresses(uri);
            long timestamp = Instant.now().getEpochSecond();
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(properties.timeout())
                    .header("content-type", "application/json")
                    .header("user-agent", "Emporium-Webhooks")
                    .header("webhook-id", delivery.eventId())
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", WebhookSignature.sign(delivery.secret(), delivery.eventId(), timestamp, delivery.body()))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body())).build();
            HttpResponse<InputStream> answer = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            // the status is all that counts: the answer's body is not read (closing it drops it), so a receiver cannot
            // hold a sender longer than the time-out, which ends at the status line and headers
            answer.body().close();
            int status = answer.statusCode();
            return new Outcome(status, status >= 200 && status < 300 ? null : "answered " + status);
        } catch (ReceiverRefusedException e) {
            return new Outcome(null, e.getMessage());
        } catch (HttpTimeoutException e) {
            return new Outcome(null, "no answer within " + properties.timeout());
        } catch (IOException | IllegalArgumentException e) {
            return new Outcome(null, e.toString());
        }
    }

    private void record(Leased delivery, Outcome outcome, int millis) {
        jdbc.update("INSERT INTO webhook_attempt (delivery_id, status, error, duration_ms) VALUES (?, ?, ?, ?)",
                delivery.id(), outcome.status(), outcome.error(), millis);
        if (outcome.delivered()) {
            delivered.increment();
            jdbc.update("UPDATE webhook_delivery SET state = 'delivered', delivered_at = now(), leased_until = NULL, last_status = ?,"
                    + " last_error = NULL WHERE id = ?", outcome.status(), delivery.id());
            jdbc.update("UPDATE webhook_endpoint SET failing_since = NULL, failures = 0 WHERE id = ? AND failures > 0", delivery.endpoint());
            return;
        }
        failed.increment();
        jdbc.update("UPDATE webhook_delivery SET leased_until = NULL, last_status = ?, last_error = ?,"
                + " next_attempt_at = now() + ? * interval '1 millisecond' WHERE id = ?",
                outcome.status(), outcome.error(), properties.retryAfter(delivery.attempts()).toMillis(), delivery.id());
        backOff(delivery.endpoint(), outcome);
    }

    /** The endpoint waits before its next attempt; one that failed for the pause time, or answered 410 Gone, is paused. */
    private void backOff(UUID endpoint, Outcome outcome) {
        List<Integer> failures = jdbc.queryForList("UPDATE webhook_endpoint SET failures = failures + 1,"
                + " failing_since = coalesce(failing_since, now()) WHERE id = ? RETURNING failures", Integer.class, endpoint);
        if (failures.isEmpty()) return;
        jdbc.update("UPDATE webhook_endpoint SET retry_at = now() + ? * interval '1 millisecond' WHERE id = ?",
                properties.retryAfter(failures.get(0)).toMillis(), endpoint);
        String reason = Integer.valueOf(410).equals(outcome.status()) ? "the receiver answered 410 Gone"
                : "every attempt failed for " + properties.pauseAfter() + " (last: " + outcome.error() + ")";
        int paused = jdbc.update("UPDATE webhook_endpoint SET state = 'paused', paused_reason = ? WHERE id = ? AND state = 'active'"
                + " AND (? OR failing_since <= now() - ? * interval '1 millisecond')",
                reason, endpoint, Integer.valueOf(410).equals(outcome.status()), properties.pauseAfter().toMillis());
        if (paused == 1) log.warn("Webhook endpoint {} is paused: {}; its deliveries wait until it is resumed", endpoint, reason);
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Delivered deliveries older than the log's retention go, with their attempts (by one idle sender an hour). */
    private void forgetOldDeliveriesHourly() {
        long now = System.currentTimeMillis();
        long due = nextCleanup.get();
        if (now < due || !nextCleanup.compareAndSet(due, now + Duration.ofHours(1).toMillis())) return;
        jdbc.update("DELETE FROM webhook_delivery WHERE state = 'delivered' AND delivered_at < now() - ? * interval '1 millisecond'",
                properties.logRetention().toMillis());
    }
}
