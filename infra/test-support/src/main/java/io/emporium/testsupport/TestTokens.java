package io.emporium.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Signed access tokens for tests, as an OpenID Connect provider issues them: RS256 JWTs from one key pair per test
 * run, whose public key the services under test trust ({@link #serviceProperties()}).
 */
public final class TestTokens {

    public static final String ISSUER = "urn:emporium:test";
    public static final String AUDIENCE = "emporium";

    private static final KeyPair KEYS = newKeyPair();
    private static Path publicKeyFile;

    private TestTokens() {
    }

    /** What a service needs to trust these tokens: Spring properties (or, upper-cased, environment variables). */
    public static Map<String, String> serviceProperties() {
        return Map.of("emporium.identity.public-key", publicKeyFile().toString(),
                "spring.security.oauth2.resourceserver.jwt.issuer-uri", ISSUER,
                "spring.security.oauth2.resourceserver.jwt.audiences", AUDIENCE);
    }

    public static synchronized Path publicKeyFile() {
        if (publicKeyFile == null) {
            try {
                publicKeyFile = Files.createTempFile("emporium-test-issuer", ".pem");
                publicKeyFile.toFile().deleteOnExit();
                Files.writeString(publicKeyFile, pem(KEYS.getPublic().getEncoded()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return publicKeyFile;
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }

    public static String customer(String customerId) {
        return token(customerId, List.of("customer"));
    }

    public static String merchant() {
        return token("merchant-1", List.of("merchant"));
    }

    public static String admin() {
        return token("admin-1", List.of("admin"));
    }

    /** A valid token for an hour. */
    public static String token(String subject, List<String> roles) {
        return sign(claims(subject, roles, Duration.ofHours(1)));
    }

    /** iss, aud, sub, roles, iat and exp, to change before {@link #sign}; a negative ttl makes an expired token. */
    public static Map<String, Object> claims(String subject, List<String> roles, Duration ttl) {
        Instant now = Instant.now();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("aud", AUDIENCE);
        claims.put("sub", subject);
        claims.put("roles", roles);
        claims.put("iat", now.minus(Duration.ofMinutes(10)).getEpochSecond());
        claims.put("exp", now.plus(ttl).getEpochSecond());
        return claims;
    }

    public static String sign(Map<String, Object> claims) {
        return sign(claims, KEYS.getPrivate());
    }

    /** Signed by another key than the one the services trust. */
    public static String signedByStranger(Map<String, Object> claims) {
        return sign(claims, newKeyPair().getPrivate());
    }

    /** Signed with a key id in the header, as an issuer that publishes its keys as a JWK set does. */
    static String sign(Map<String, Object> claims, String keyId) {
        return sign(claims, KEYS.getPrivate(), ",\"kid\":" + json(keyId));
    }

    /** The public key as a JWK set (RFC 7517), for an issuer's jwks_uri. */
    static String jwkSet(String keyId) {
        java.security.interfaces.RSAPublicKey key = (java.security.interfaces.RSAPublicKey) KEYS.getPublic();
        return json(Map.of("keys", List.of(Map.of("kty", "RSA", "alg", "RS256", "use", "sig", "kid", keyId,
                "n", unsigned(key.getModulus()), "e", unsigned(key.getPublicExponent())))));
    }

    private static String unsigned(java.math.BigInteger number) {
        byte[] bytes = number.toByteArray();
        if (bytes[0] == 0) bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String sign(Map<String, Object> claims, PrivateKey key) {
        return sign(claims, key, "");
    }

    private static String sign(Map<String, Object> claims, PrivateKey key, String moreHeader) {
        String input = base64Url("{\"alg\":\"RS256\",\"typ\":\"JWT\"" + moreHeader + "}") + "." + base64Url(json(claims));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String json(Object value) {
        if (value instanceof String text) return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        if (value instanceof Number || value instanceof Boolean) return value.toString();
        if (value instanceof List<?> list) return "[" + String.join(",", list.stream().map(TestTokens::json).toList()) + "]";
        if (value instanceof Map<?, ?> map) {
            return "{" + String.join(",", map.entrySet().stream().map(e -> json(e.getKey().toString()) + ":" + json(e.getValue())).toList()) + "}";
        }
        throw new IllegalArgumentException("Not a claim value: " + value);
    }

    private static String base64Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String pem(byte[] der) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END PUBLIC KEY-----\n";
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
