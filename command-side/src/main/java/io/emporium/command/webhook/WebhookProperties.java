package io.emporium.command.webhook;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Webhook deliveries ({@code emporium.webhooks.*}).
 *
 * @param allowedNetworks receivers in these networks (CIDR: {@code 10.1.0.0/16}) are called although private;
 *                        all other private, loopback and link-local addresses are refused
 * @param firstRetry      the wait after a first failed attempt; it doubles with each further one, up to maxRetry
 * @param pauseAfter      an endpoint whose every attempt failed for this long is paused, its backlog kept
 * @param timeout         the longest a delivery may take, connecting included (then it failed)
 * @param senders         deliveries in flight at once, per instance
 * @param pollInterval    how often an idle sender looks for due deliveries
 * @param logRetention    how long delivered deliveries stay in the delivery log
 */
@ConfigurationProperties("emporium.webhooks")
record WebhookProperties(List<String> allowedNetworks, Duration firstRetry, Duration maxRetry, Duration pauseAfter,
                         Duration connectTimeout, Duration timeout, int senders, Duration pollInterval, Duration logRetention) {

    WebhookProperties {
        allowedNetworks = allowedNetworks == null ? List.of() : allowedNetworks.stream().filter(n -> !n.isBlank()).toList();
    }

    /** How long after its failed attempt number {@code attempts} the next is made: doubling, capped, with 20% jitter. */
    Duration retryAfter(int attempts) {
        double exact = firstRetry.toMillis() * Math.pow(2, Math.max(0, Math.min(attempts, 30) - 1));
        double capped = Math.min(exact, maxRetry.toMillis());
        return Duration.ofMillis((long) (capped * (0.8 + 0.4 * Math.random())));
    }
}
