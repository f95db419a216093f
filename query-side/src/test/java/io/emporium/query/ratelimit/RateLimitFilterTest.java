package io.emporium.query.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.emporium.query.redis.SharedRedis;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

/** Who is limited by which class (with the per-instance buckets that serve while there is no Redis). */
class RateLimitFilterTest {

    private final RateLimitFilter filter = new RateLimitFilter(
            new RateLimiter(new SharedRedis("", "", "emporium:", Duration.ofMillis(200), Duration.ofSeconds(5)), new SimpleMeterRegistry()),
            new RateLimitProperties(new RateLimitProperties.Limit(1, 2), new RateLimitProperties.Limit(1, 3)));

    @AfterEach
    void forgetCaller() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void limitsAnonymousReadsPerClientAddress() throws Exception {
        assertThat(statuses("/api/products/search", "10.0.0.1", 3)).containsExactly(200, 200, 429);
        assertThat(statuses("/api/products/search", "10.0.0.2", 1)).as("another address has its own bucket").containsExactly(200);
    }

    @Test
    void limitsCallersWithATokenPerSubjectWhateverTheirAddress() throws Exception {
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken("shopper-1", null,
                AuthorityUtils.createAuthorityList("ROLE_customer")));
        assertThat(statuses("/api/orders", "10.0.0.3", 2)).containsExactly(200, 200);
        assertThat(statuses("/api/orders", "10.0.0.4", 2)).containsExactly(200, 429);
    }

    @Test
    void neverLimitsHealthMetricsOrDocumentation() throws Exception {
        assertThat(statuses("/actuator/health", "10.0.0.5", 5)).containsOnly(200);
        assertThat(statuses("/v3/api-docs", "10.0.0.5", 5)).containsOnly(200);
    }

    @Test
    void answersOverTheLimitWithAProblemAndWhenToComeBack() throws Exception {
        statuses("/api/products/p-1", "10.0.0.6", 2);
        MockHttpServletResponse refused = call("/api/products/p-1", "10.0.0.6");
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getContentType()).startsWith("application/problem+json");
        assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
        assertThat(refused.getHeader("RateLimit-Limit")).isEqualTo("2");
        assertThat(refused.getHeader("RateLimit-Remaining")).isEqualTo("0");
        assertThat(refused.getContentAsString()).contains("\"status\":429", "try again in 1 s");
    }

    private java.util.List<Integer> statuses(String path, String address, int times) throws Exception {
        java.util.List<Integer> statuses = new java.util.ArrayList<>();
        for (int i = 0; i < times; i++) statuses.add(call(path, address).getStatus());
        return statuses;
    }

    private MockHttpServletResponse call(String path, String address) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        request.setRemoteAddr(address);
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }
}
