package io.emporium.query.elasticsearch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.http.HttpResponse;
import org.apache.http.HttpResponseInterceptor;
import org.apache.http.protocol.HttpContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Watches every answer Elasticsearch gives the service, on both connection pools, for a refusal of the service itself:
 * 401 (credentials unknown, wrong or expired) or 403 (a privilege missing). Such a refusal is the server's trouble, not
 * the caller's: it is counted ({@code emporium.elasticsearch.refusals}), logged once per {@link #LOG_INTERVAL} rather
 * than once per request, and reported by the {@code elasticsearch} health component until Elasticsearch accepts the
 * service again. The credentials themselves never appear in what it says.
 */
@Component
public class RefusedCredentials implements HttpResponseInterceptor {

    static final Duration LOG_INTERVAL = Duration.ofMinutes(1);
    /** A refusal counts as current for this long after the last one, unless an accepted answer came after it. */
    static final Duration CURRENT_FOR = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(RefusedCredentials.class);

    private final Clock clock;
    private final Counter unauthorized;
    private final Counter forbidden;
    private final AtomicLong refusedSinceLastLog = new AtomicLong();
    private volatile Refusal last;
    private volatile Instant lastAcceptedAt = Instant.EPOCH;
    private volatile Instant lastLoggedAt = Instant.EPOCH;

    @Autowired
    public RefusedCredentials(MeterRegistry meters) {
        this(meters, Clock.systemUTC());
    }

    RefusedCredentials(MeterRegistry meters, Clock clock) {
        this.clock = clock;
        this.unauthorized = refusals(meters, "401");
        this.forbidden = refusals(meters, "403");
    }

    private static Counter refusals(MeterRegistry meters, String status) {
        return Counter.builder("emporium.elasticsearch.refusals").tag("status", status)
                .description("requests of the service that Elasticsearch refused: credentials (401) or privileges (403)")
                .register(meters);
    }

    @Override
    public void process(HttpResponse response, HttpContext context) {
        int status = response.getStatusLine().getStatusCode();
        if (status == 401 || status == 403) refused(status, response.getStatusLine().getReasonPhrase());
        else if (status < 400) lastAcceptedAt = clock.instant();
    }

    void refused(int status, String reasonPhrase) {
        Instant now = clock.instant();
        (status == 401 ? unauthorized : forbidden).increment();
        last = new Refusal(status, reasonPhrase, now);
        long since = refusedSinceLastLog.incrementAndGet();
        if (Duration.between(lastLoggedAt, now).compareTo(LOG_INTERVAL) >= 0) {
            lastLoggedAt = now;
            refusedSinceLastLog.set(0);
            log.error("{} ({} refused requests since the last report); searches"
                    + " answer 503 until it accepts the service again", last.reason(), since);
        }
    }

    /** The refusal that holds now: a recent one with no accepted answer after it. */
    public Optional<Refusal> current() {
        Refusal refusal = last;
        if (refusal == null || !refusal.at().isAfter(lastAcceptedAt)) return Optional.empty();
        if (Duration.between(refusal.at(), clock.instant()).compareTo(CURRENT_FOR) > 0) return Optional.empty();
        return Optional.of(refusal);
    }

    /** One refusal: its status, and what it means for the service. */
    public record Refusal(int status, String reasonPhrase, Instant at) {

        public String reason() {
            return status == 401
                    ? "Elasticsearch does not accept the service's credentials (401 " + reasonPhrase + "): unknown user, wrong or"
                            + " expired password, or revoked API key"
                    : "Elasticsearch refuses the service a privilege it needs (403 " + reasonPhrase + ")";
        }
    }
}
