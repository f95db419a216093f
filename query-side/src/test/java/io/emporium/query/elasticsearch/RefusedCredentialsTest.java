package io.emporium.query.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.http.HttpVersion;
import org.apache.http.message.BasicHttpResponse;
import org.junit.jupiter.api.Test;

class RefusedCredentialsTest {

    private final MovableClock clock = new MovableClock();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final RefusedCredentials refusals = new RefusedCredentials(meters, clock);

    @Test
    void aRefusalHoldsUntilElasticsearchAcceptsTheServiceAgain() {
        answer(401);
        assertThat(refusals.current()).hasValueSatisfying(refusal -> assertThat(refusal.reason()).contains("401").contains("credentials"));
        clock.pass(Duration.ofSeconds(1));
        answer(200);
        assertThat(refusals.current()).isEmpty();
    }

    @Test
    void aRefusalWithNoLaterAnswerIsForgottenAfterAWhile() {
        answer(403);
        clock.pass(RefusedCredentials.CURRENT_FOR.minusSeconds(1));
        assertThat(refusals.current()).hasValueSatisfying(refusal -> assertThat(refusal.reason()).contains("privilege"));
        clock.pass(Duration.ofSeconds(2));
        assertThat(refusals.current()).isEmpty();
    }

    @Test
    void everyRefusalIsCountedByStatusAndOtherAnswersAreNot() {
        answer(401);
        answer(401);
        answer(403);
        answer(404);
        answer(500);
        assertThat(meters.get("emporium.elasticsearch.refusals").tag("status", "401").counter().count()).isEqualTo(2);
        assertThat(meters.get("emporium.elasticsearch.refusals").tag("status", "403").counter().count()).isEqualTo(1);
    }

    private void answer(int status) {
        refusals.process(new BasicHttpResponse(HttpVersion.HTTP_1_1, status, "reason"), null);
    }

    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-12-03T10:00:00Z");

        void pass(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
