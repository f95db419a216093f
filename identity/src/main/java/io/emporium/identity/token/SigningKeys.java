package io.emporium.identity.token;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import io.emporium.identity.IdentityProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The RSA keys tokens are signed with, kept in the identity database so that every instance signs with the same key
 * and a restart keeps them. The newest key signs. Rotating makes a new key and retires the one before, which stays in
 * the JWK set until every token it signed has expired, so that the services go on accepting those.
 */
@Component
public class SigningKeys {

    /** Beyond a token's lifetime: how much longer a retired key stays published (clocks and caches differ). */
    static final Duration GRACE = Duration.ofMinutes(5);

    private final JdbcTemplate jdbc;
    private final IdentityProperties properties;

    SigningKeys(JdbcTemplate jdbc, IdentityProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** The key that signs now; made when there is none. */
    @Transactional
    public RSAKey current() {
        List<RSAKey> keys = jdbc.query("SELECT kid, private_key, public_key FROM signing_key WHERE retired_at IS NULL"
                + " ORDER BY created_at DESC LIMIT 1", (rs, n) -> key(rs.getString(1), rs.getBytes(2), rs.getBytes(3)));
        return keys.isEmpty() ? rotate() : keys.get(0);
    }

    /** The public keys of the JWK set: the current one and those retired less than a token's lifetime ago. */
    public List<RSAKey> published() {
        return jdbc.query("SELECT kid, private_key, public_key FROM signing_key WHERE retired_at IS NULL"
                        + " OR retired_at > now() - make_interval(secs => ?) ORDER BY created_at DESC",
                (rs, n) -> key(rs.getString(1), rs.getBytes(2), rs.getBytes(3)).toPublicJWK().toRSAKey(),
                (double) properties.accessTokenTtl().plus(GRACE).toSeconds());
    }

    /** Whether the current key is older than the rotation period. */
    public boolean due() {
        Boolean due = jdbc.queryForObject("SELECT coalesce(max(created_at), '-infinity') < now() - make_interval(secs => ?)"
                + " FROM signing_key WHERE retired_at IS NULL", Boolean.class, (double) properties.keyRotation().toSeconds());
        return Boolean.TRUE.equals(due);
    }

    /** A new signing key; the one before is retired. One instance at a time. */
    @Transactional
    public RSAKey rotate() {
        jdbc.execute("SELECT pg_advisory_xact_lock(hashtext('emporium-signing-key'))");
        KeyPair pair = newKeyPair();
        String kid = UUID.randomUUID().toString();
        jdbc.update("UPDATE signing_key SET retired_at = now() WHERE retired_at IS NULL");
        jdbc.update("INSERT INTO signing_key (kid, private_key, public_key) VALUES (?, ?, ?)",
                kid, pair.getPrivate().getEncoded(), pair.getPublic().getEncoded());
        return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                .keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).build();
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey key(String kid, byte[] privateKey, byte[] publicKey) {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            return new RSAKey.Builder((RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(publicKey)))
                    .privateKey((RSAPrivateKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(privateKey)))
                    .keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).build();
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException("Signing key " + kid + " cannot be read", e);
        }
    }
}
