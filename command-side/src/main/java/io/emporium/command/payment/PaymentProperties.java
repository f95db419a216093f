package io.emporium.command.payment;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the payment provider is and how long to wait for it.
 *
 * @param providerUrl the provider's API (the simulator's, locally)
 * @param apiKey      the shop's secret key at the provider, sent as a bearer token (empty: none)
 * @param timeout     how long one call may take; a slower answer counts as none, and the call is repeated with its key
 * @param retryDelay  the first pause between attempts, doubled up to {@code maxRetryDelay}
 */
@ConfigurationProperties("emporium.payments")
public record PaymentProperties(URI providerUrl, String apiKey, Duration timeout, Duration retryDelay, Duration maxRetryDelay) {
}
