package io.emporium.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emporium.testsupport.IdentityClient;
import io.emporium.testsupport.ServiceProcess;
import io.emporium.testsupport.TestServices;

/**
 * The identity service the stacks of a test run trust, as {@code infra/emporium up} runs it: one process on a database
 * of its own, started at the first use and stopped with the test JVM
 * (as every {@link ServiceProcess}). Its tokens are got as its clients get them.
 */
final class StackIdentity {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MACHINE_SECRET = UUID.randomUUID().toString();
    private static final String STOREFRONT = "http://127.0.0.1:8081/";
    /** The person the client token belongs to: a merchant who also buys. */
    private static final String SHOPKEEPER = "shopkeeper@e2e.test";
    private static final String SHOPKEEPER_PASSWORD = "the shopkeeper's long password";

    private static final String ADMIN_PASSWORD = UUID.randomUUID().toString();

    private static ServiceProcess process;
    private static IdentityClient client;
    private static Token machine;
    private static Token shopkeeper;

    private StackIdentity() {
    }

    /** The identity service's address, its issuer: started on the first call. */
    static synchronized String url() {
        if (process == null) start();
        return "http://127.0.0.1:" + process.port;
    }

    /** An access token of the machine client (admin and merchant). */
    static synchronized String machineToken() {
        url();
        machine = Token.fresh(machine, client::machineToken);
        return machine.value;
    }

    /** An access token of the shopkeeper's account (merchant and customer), got through the storefront's sign-in. */
    static synchronized String shopkeeperToken() {
        url();
        shopkeeper = Token.fresh(shopkeeper, () -> client.signedInToken(SHOPKEEPER, SHOPKEEPER_PASSWORD));
        return shopkeeper.value;
    }

    private static void start() {
        try {
            Map<String, String> env = new HashMap<>(TestServices.newIdentityDatabase().identityEnvironment());
            env.put("EMPORIUM_IDENTITY_MACHINE_SECRET", MACHINE_SECRET);
            env.put("EMPORIUM_IDENTITY_PAGE_REDIRECT_URIS", STOREFRONT);
            env.put("EMPORIUM_IDENTITY_ADMIN_PASSWORD", ADMIN_PASSWORD);
            env.put("EMPORIUM_IDENTITY_DB_POOL", "3"); // a few sign-ins: the stacks beside it need the connections
            ServiceProcess started = ServiceProcess.start("identity", "emporium.identityJar", "EMPORIUM_IDENTITY_PORT", env);
            started.awaitHealthy(Duration.ofSeconds(120));
            process = started;
            client = new IdentityClient("http://127.0.0.1:" + started.port, MACHINE_SECRET, STOREFRONT);
            client.signUp(SHOPKEEPER, SHOPKEEPER_PASSWORD);
            client.grantRoles(SHOPKEEPER, List.of("merchant", "customer"));
        } catch (Exception e) {
            throw new IllegalStateException("The stack's identity service did not start", e);
        }
    }

    /** Its passwords and secrets, and the shopkeeper's e-mail address: none of them may be logged. */
    static List<String> secrets() {
        return List.of(MACHINE_SECRET, SHOPKEEPER_PASSWORD, ADMIN_PASSWORD, SHOPKEEPER);
    }

    /** Its log, or null before it was started. */
    static synchronized java.nio.file.Path logFile() {
        return process == null ? null : process.logFile();
    }

    /** The subject of a token (its claims read, not verified: the services verify it). */
    static String subjectOf(String token) {
        return claims(token).get("sub").asText();
    }

    private static JsonNode claims(String token) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        } catch (Exception e) {
            throw new IllegalStateException("Not a JWT: " + token, e);
        }
    }

    /** A token kept until a minute before it expires (a long test outlives one). */
    private record Token(String value, Instant expires) {
        static Token fresh(Token kept, Supplier<String> fetch) {
            if (kept != null && Instant.now().isBefore(kept.expires.minusSeconds(60))) return kept;
            String value = fetch.get();
            return new Token(value, Instant.ofEpochSecond(claims(value).get("exp").asLong()));
        }
    }
}
