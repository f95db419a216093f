package io.emporium.command.personaldata;

import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Each customer's secret key (AES-256), made on first use, gone for good when the customer's data is erased. */
@Component
class CustomerKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;

    CustomerKeys(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    byte[] keyOf(String customerId) {
        byte[] fresh = new byte[32];
        RANDOM.nextBytes(fresh);
        // the first of two racing requests makes the key; both use it
        jdbc.update("INSERT INTO customer_keys (customer_id, secret_key) VALUES (?, ?) ON CONFLICT (customer_id) DO NOTHING",
                customerId, fresh);
        return find(customerId).orElseThrow(() -> new IllegalStateException("The key of a customer vanished while it was made"));
    }

    Optional<byte[]> find(String customerId) {
        List<byte[]> found = jdbc.queryForList("SELECT secret_key FROM customer_keys WHERE customer_id = ?", byte[].class, customerId);
        return found.stream().findFirst();
    }

    /** @return whether there was a key to delete */
    boolean forget(String customerId) {
        return jdbc.update("DELETE FROM customer_keys WHERE customer_id = ?", customerId) == 1;
    }
}
