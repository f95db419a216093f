package io.emporium.query.checkout;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param commandUrl the command service's API, where checkout places the order (as the customer, with their token)
 * @param timeout    how long placing the order may take before checkout answers 503 (a retry with the same key is safe)
 * @param answerTtl  how long a checkout's answer is kept for retries with its Idempotency-Key
 */
@ConfigurationProperties("emporium.checkout")
public record CheckoutProperties(URI commandUrl, Duration timeout, Duration answerTtl) {
}
