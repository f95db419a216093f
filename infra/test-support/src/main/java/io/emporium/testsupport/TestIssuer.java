package io.emporium.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An OpenID Connect issuer on a local port, as a provider runs one: discovery document, JWK set, and a token
 * endpoint for the client credentials grant (RFC 6749 §4.4) with HTTP Basic client authentication (each registered
 * client gets tokens for itself, its id the subject, with its roles and the audience {@code emporium}). For tests of
 * access rules with many principals; the stack's tests get their tokens from the real identity service.
 */
public final class TestIssuer implements AutoCloseable {

    private static final String KEY_ID = "test-issuer-key";

    private record Client(String secret, List<String> roles) {
    }

    private final HttpServer server;
    private final Map<String, Client> clients = new HashMap<>();

    public TestIssuer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/.well-known/openid-configuration", exchange -> answer(exchange, 200, TestTokens.json(Map.of(
                "issuer", uri(), "jwks_uri", uri() + "/jwks", "token_endpoint", uri() + "/token",
                "grant_types_supported", List.of("client_credentials"), "id_token_signing_alg_values_supported", List.of("RS256"),
                "subject_types_supported", List.of("public")))));
        server.createContext("/jwks", exchange -> answer(exchange, 200, TestTokens.jwkSet(KEY_ID)));
        server.createContext("/token", this::token);
        server.start();
    }

    /** The issuer URI: all a service needs to be told. */
    public String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public TestIssuer client(String id, String secret, String... roles) {
        clients.put(id, new Client(secret, List.of(roles)));
        return this;
    }

    /** An access token from the token endpoint, over HTTP, as the client with this id and secret asks for one. */
    public String tokenFor(String client, String secret) {
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(uri() + "/token"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(), HttpResponse.BodyHandlers.ofString());
            Matcher token = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(answer.body());
            if (answer.statusCode() != 200 || !token.find()) throw new IllegalStateException("No token: " + answer.statusCode() + " " + answer.body());
            return token.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Claims signed as this issuer signs its tokens (its key, its key id). */
    public String sign(Map<String, Object> claims) {
        return TestTokens.sign(claims, KEY_ID);
    }

    private void token(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String[] idAndSecret = authorization == null || !authorization.startsWith("Basic ") ? new String[0]
                : new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8).split(":", 2);
        Client client = idAndSecret.length == 2 ? clients.get(idAndSecret[0]) : null;
        Map<String, String> form = params(body);
        if (!"POST".equals(exchange.getRequestMethod()) || !"client_credentials".equals(form.get("grant_type"))) {
            answer(exchange, 400, "{\"error\":\"unsupported_grant_type\"}");
        } else if (client == null || !client.secret().equals(idAndSecret[1])) {
            answer(exchange, 401, "{\"error\":\"invalid_client\"}");
        } else {
            Map<String, Object> claims = TestTokens.claims(idAndSecret[0], client.roles(), Duration.ofMinutes(5));
            claims.put("iss", uri());
            answer(exchange, 200, TestTokens.json(Map.of("access_token", sign(claims),
                    "token_type", "Bearer", "expires_in", 300)));
        }
    }

    private static Map<String, String> params(String encoded) {
        Map<String, String> params = new HashMap<>();
        if (encoded == null) return params;
        for (String pair : encoded.split("&")) {
            String[] nameAndValue = pair.split("=", 2);
            if (nameAndValue.length == 2) {
                params.put(URLDecoder.decode(nameAndValue[0], StandardCharsets.UTF_8), URLDecoder.decode(nameAndValue[1], StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
