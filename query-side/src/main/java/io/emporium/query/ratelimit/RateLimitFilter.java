package io.emporium.query.ratelimit;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.emporium.support.web.ProblemAnswerWriter;
import io.github.bucket4j.ConsumptionProbe;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs after Spring Security, so it knows who calls. Calls of the API ({@code /api/**}, {@code /admin/**}) are limited:
 * per token subject by the {@code authenticated} class, anonymous ones (catalogue reads) by the {@code anonymous} class
 * per client address (behind a proxy, set {@code server.forward-headers-strategy} so that it is the client's).
 * Every limited answer carries {@code RateLimit-Limit}, {@code RateLimit-Remaining} and {@code RateLimit-Reset}; one
 * over the limit is a 429 problem with {@code Retry-After}. Health, metrics and the API documentation are never limited.
 */
class RateLimitFilter extends OncePerRequestFilter {

    private final RateLimiter limiter;
    private final RateLimitProperties limits;

    RateLimitFilter(RateLimiter limiter, RateLimitProperties limits) {
        this.limiter = limiter;
        this.limits = limits;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        boolean authenticated = caller != null && caller.isAuthenticated() && !(caller instanceof AnonymousAuthenticationToken);
        String path = request.getRequestURI().substring(request.getContextPath().length());
        RateLimitProperties.Limit limit = authenticated ? limits.authenticated() : limits.anonymous();
        if (limit.off() || !(path.startsWith("/api/") || path.startsWith("/admin/"))) {
            chain.doFilter(request, response);
            return;
        }
        String client = authenticated ? "subject:" + caller.getName() : "address:" + request.getRemoteAddr();
        ConsumptionProbe probe = limiter.take(client, limit);
        response.setHeader("RateLimit-Limit", Integer.toString(limit.burst()));
        response.setHeader("RateLimit-Remaining", Long.toString(probe.getRemainingTokens()));
        response.setHeader("RateLimit-Reset", Long.toString(seconds(probe.getNanosToWaitForReset())));
        if (probe.isConsumed()) {
            chain.doFilter(request, response);
            return;
        }
        long retryAfter = Math.max(1, seconds(probe.getNanosToWaitForRefill()));
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        ProblemAnswerWriter.write(response, request, HttpStatus.TOO_MANY_REQUESTS, "More than " + limit.perSecond()
                + " requests per second (bursts of " + limit.burst() + ") from this " + (authenticated ? "caller" : "address")
                + "; try again in " + retryAfter + " s.");
    }

    private static long seconds(long nanos) {
        return (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
    }
}
