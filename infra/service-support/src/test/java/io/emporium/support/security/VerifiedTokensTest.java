package io.emporium.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private final AtomicInteger verifications = new AtomicInteger();

    /** A decoder that accepts "good-*" tokens expiring at the given minute past NOW, and refuses everything else. */
    private final JwtDecoder decoder = token -> {
        verifications.incrementAndGet();
        if (!token.startsWith("good-")) throw new BadJwtException("bad signature");
        return Jwt.withTokenValue(token).header("alg", "RS256").subject("someone")
                .issuedAt(NOW).expiresAt(NOW.plus(Duration.ofMinutes(Long.parseLong(token.substring(5))))).build();
    };

    private VerifiedTokens at(Instant now) {
        return new VerifiedTokens(decoder, 100, Duration.ofMinutes(5), Duration.ofSeconds(60), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aVerifiedTokenIsVerifiedOnceAndServedFromMemoryAfterwards() {
        VerifiedTokens tokens = at(NOW);
        Jwt first = tokens.decode("good-30");
        assertThat(tokens.decode("good-30")).isSameAs(first);
        assertThat(verifications).hasValue(1);
    }

    @Test
    void aRefusedTokenIsNeverRememberedAndRefusedEveryTime() {
        VerifiedTokens tokens = at(NOW);
        assertThatThrownBy(() -> tokens.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aRememberedTokenThatExpiredIsVerifiedAgainNotServed() {
        Clock[] clock = {Clock.fixed(NOW, ZoneOffset.UTC)};
        VerifiedTokens tokens = new VerifiedTokens(decoder, 100, Duration.ofMinutes(5), Duration.ofSeconds(60), new Clock() {
            public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
            public Clock withZone(java.time.ZoneId zone) { return this; }
            public Instant instant() { return clock[0].instant(); }
        });
        tokens.decode("good-1");
        clock[0] = Clock.fixed(NOW.plus(Duration.ofMinutes(2).plusSeconds(1)), ZoneOffset.UTC);  // past exp + skew
        tokens.decode("good-1");
        assertThat(verifications).hasValue(2);
    }
}
