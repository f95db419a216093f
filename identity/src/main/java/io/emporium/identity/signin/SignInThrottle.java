package io.emporium.identity.signin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

import io.emporium.identity.IdentityProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins per account and per client address in the identity database, so that every instance sees
 * the same counts, and refuses further attempts of a key over its limit until its window has passed. Keys are the
 * same whether an account exists or not (no hint), and e-mails are kept only as hashes.
 */
@Component
public class SignInThrottle {

    private final JdbcTemplate jdbc;
    private final IdentityProperties properties;

    SignInThrottle(JdbcTemplate jdbc, IdentityProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** Whether an attempt for this e-mail from this address is refused without being checked. */
    public boolean refuses(String email, String address) {
        return over(accountKey(email), properties.signInFailuresPerAccount()) || over(addressKey(address), properties.signInFailuresPerAddress());
    }

    public void failed(String email, String address) {
        count(accountKey(email));
        count(addressKey(address));
    }

    public void succeeded(String email) {
        jdbc.update("DELETE FROM sign_in_failure WHERE key = ?", accountKey(email));
    }

    private boolean over(String key, int limit) {
        Integer failures = jdbc.query("SELECT failures FROM sign_in_failure WHERE key = ?"
                        + " AND window_start > now() - make_interval(secs => ?)",
                rs -> rs.next() ? rs.getInt(1) : 0, key, window());
        return failures != null && failures >= limit;
    }

    private void count(String key) {
        jdbc.update("""
                INSERT INTO sign_in_failure (key, failures, window_start) VALUES (?, 1, now())
                ON CONFLICT (key) DO UPDATE SET
                    failures = CASE WHEN sign_in_failure.window_start > now() - make_interval(secs => ?)
                                    THEN sign_in_failure.failures + 1 ELSE 1 END,
                    window_start = CASE WHEN sign_in_failure.window_start > now() - make_interval(secs => ?)
                                        THEN sign_in_failure.window_start ELSE now() END""", key, window(), window());
    }

    private double window() {
        return properties.signInFailureWindow().toMillis() / 1000.0;
    }

    private static String accountKey(String email) {
        return "account:" + sha256(email == null ? "" : email.strip().toLowerCase(Locale.ROOT));
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
