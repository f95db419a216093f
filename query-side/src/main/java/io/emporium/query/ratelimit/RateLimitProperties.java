package io.emporium.query.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Request limits per client (OWASP API4): anonymous reads of the catalogue per client address, everything else per
 * token subject. Each class is a bucket of {@code burst} requests refilled at {@code perSecond}; 0 turns it off.
 */
@ConfigurationProperties("emporium.rate-limits")
public record RateLimitProperties(@DefaultValue Limit anonymous, @DefaultValue Limit authenticated) {

    public record Limit(@DefaultValue("0") int perSecond, @DefaultValue("0") int burst) {

        boolean off() {
            return perSecond <= 0 || burst <= 0;
        }
    }
}
