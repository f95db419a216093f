package io.emporium.identity.account;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The accounts, in the identity service's own database. Passwords are kept only as the encoder's hashes. */
@Component
public class Accounts {

    private final JdbcTemplate jdbc;
    private final PasswordEncoder passwords;

    Accounts(JdbcTemplate jdbc, PasswordEncoder passwords) {
        this.jdbc = jdbc;
        this.passwords = passwords;
    }

    public Optional<Account> byEmail(String email) {
        return jdbc.query("SELECT id, email, password_hash, roles FROM account WHERE lower(email) = lower(?)",
                (rs, n) -> new Account(rs.getString("id"), rs.getString("email"), rs.getString("password_hash"),
                        Arrays.asList(rs.getString("roles").split(","))), email).stream().findFirst();
    }

    public Optional<Account> byId(String id) {
        return jdbc.query("SELECT id, email, password_hash, roles FROM account WHERE id = ?",
                (rs, n) -> new Account(rs.getString("id"), rs.getString("email"), rs.getString("password_hash"),
                        Arrays.asList(rs.getString("roles").split(","))), id).stream().findFirst();
    }

    /**
     * A new customer's account.
     *
     * @return its id, or empty when the e-mail has an account already
     */
    public Optional<String> signUp(String email, String password) {
        return create(email, password, List.of("customer"));
    }

    Optional<String> create(String email, String password, List<String> roles) {
        String id = "u-" + UUID.randomUUID();
        try {
            jdbc.update("INSERT INTO account (id, email, password_hash, roles) VALUES (?, ?, ?, ?)",
                    id, email.strip(), passwords.encode(password), String.join(",", roles));
            return Optional.of(id);
        } catch (DuplicateKeyException taken) {
            return Optional.empty();
        }
    }

    /** Replaces an account's roles (customer always stays). */
    public boolean grant(String id, List<String> roles) {
        List<String> granted = Account.ROLES.stream().filter(role -> role.equals("customer") || roles.contains(role)).toList();
        return jdbc.update("UPDATE account SET roles = ? WHERE id = ?", String.join(",", granted), id) == 1;
    }

    /**
     * Deletes the account and every authorization it gave: its refresh tokens stop working at once. The erasure of
     * its personal data in the other services is requested in the same transaction (ErasureDelivery carries it out).
     */
    @Transactional
    public boolean delete(String id) {
        jdbc.update("DELETE FROM oauth2_authorization WHERE principal_name = ?", id);
        jdbc.update("DELETE FROM oauth2_authorization_consent WHERE principal_name = ?", id);
        boolean deleted = jdbc.update("DELETE FROM account WHERE id = ?", id) == 1;
        if (deleted) jdbc.update("INSERT INTO erasure_request (account_id) VALUES (?) ON CONFLICT DO NOTHING", id);
        return deleted;
    }

    /** Makes the first administrator when no account has the admin role yet. */
    @Transactional
    public boolean ensureAdministrator(String email, String password) {
        jdbc.execute("SELECT pg_advisory_xact_lock(hashtext('emporium-first-admin'))"); // one instance makes it
        Integer admins = jdbc.queryForObject("SELECT count(*) FROM account WHERE ',' || roles || ',' LIKE '%,admin,%'", Integer.class);
        if (admins != null && admins > 0) return false;
        return create(email, password, Account.ROLES).isPresent();
    }
}
