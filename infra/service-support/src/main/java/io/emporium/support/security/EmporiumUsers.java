package io.emporium.support.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The two users of both services. Their passwords come from the environment only: there is no default, and a
 * service without them refuses to start, naming the variables to set.
 */
@ConfigurationProperties("emporium.security")
public record EmporiumUsers(String clientPassword, String adminPassword) {

    public static final String CLIENT = "CLIENT";
    public static final String ADMIN = "ADMIN";

    public EmporiumUsers {
        List<String> missing = new ArrayList<>();
        if (clientPassword == null || clientPassword.isBlank()) missing.add("EMPORIUM_CLIENT_PASSWORD");
        if (adminPassword == null || adminPassword.isBlank()) missing.add("EMPORIUM_ADMIN_PASSWORD");
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Emporium has no built-in passwords: set " + String.join(" and ", missing)
                    + " (infra/emporium up generates them and prints them).");
        }
    }

    /** The admin may do everything a client may. */
    public InMemoryUserDetailsManager userDetailsManager() {
        UserDetails client = User.withUsername("client").password(clientPassword).roles(CLIENT).build();
        UserDetails admin = User.withUsername("admin").password(adminPassword).roles(CLIENT, ADMIN).build();
        return new InMemoryUserDetailsManager(client, admin);
    }

    /**
     * Passwords live in the environment in clear, so hashing them in memory protects nothing; a slow hash would
     * only cost every request its CPU. Compare in constant time all the same.
     */
    public static PasswordEncoder constantTimeEncoder() {
        return new PasswordEncoder() {
            @Override
            public String encode(CharSequence raw) {
                return raw.toString();
            }

            @Override
            public boolean matches(CharSequence raw, String stored) {
                return stored != null && MessageDigest.isEqual(
                        raw.toString().getBytes(StandardCharsets.UTF_8), stored.getBytes(StandardCharsets.UTF_8));
            }
        };
    }
}
