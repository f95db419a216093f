package io.emporium.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Plain HTTP with JSON, as a client of the services (or of Elasticsearch) would send it. */
public final class Http {

    public static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final String authorization;

    /** @param token a bearer token ({@code infra/emporium token}), or null for anonymous calls */
    public Http(String token) {
        this(token == null ? null : "Bearer " + token, null);
    }

    /** @param authorization the whole Authorization header, or null; @param ssl whom to trust over HTTPS, null: the JVM's CAs */
    Http(String authorization, javax.net.ssl.SSLContext ssl) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (ssl != null) builder.sslContext(ssl);
        this.client = builder.build();
        this.authorization = authorization;
    }

    /** @param headers more headers: name, value, name, value... */
    public Answer send(String method, String url, String body, String... headers) {
        return send(method, url, body, Duration.ofSeconds(60), headers);
    }

    private Answer send(String method, String url, String body, Duration timeout, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) request.header("Content-Type", "application/json");
        if (authorization != null) request.header("Authorization", authorization);
        for (int i = 0; i < headers.length; i += 2) request.header(headers[i], headers[i + 1]);
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), System.nanoTime() - start);
        } catch (Exception e) {
            return new Answer(-1, e.toString(), System.nanoTime() - start);
        }
    }

    public Answer get(String url, String... headers) {
        return send("GET", url, null, headers);
    }

    public Answer post(String url, String body) {
        return send("POST", url, body);
    }

    /** A POST whose answer may take long (a verification of the whole read model). */
    public Answer post(String url, String body, Duration timeout) {
        return send("POST", url, body, timeout);
    }

    public record Answer(int status, String body, long nanos) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (Exception e) {
                throw new IllegalStateException("Not JSON (" + status + "): " + body, e);
            }
        }

        public Answer orFail(String what) {
            if (!ok()) throw new IllegalStateException(what + " failed: " + status + " " + body);
            return this;
        }
    }
}
