package io.emporium.query.basket;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param idleExpiry  a basket nobody changed for this long is gone
 * @param maxLines    products in one basket (an order takes as many; units of one product are bounded as an order line's)
 */
@ConfigurationProperties("emporium.basket")
public record BasketProperties(Duration idleExpiry, int maxLines) {
}
