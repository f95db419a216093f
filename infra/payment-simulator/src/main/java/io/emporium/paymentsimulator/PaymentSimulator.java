package io.emporium.paymentsimulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A payment provider SIMULATOR, for development and tests: never a real provider, never real money, never card data.
 * It behaves like one where it matters to a shop: authorize, capture and void over HTTP, each with an
 * {@code Idempotency-Key} (the same key answers the same, also after a restart), amounts in minor units, declines with
 * a code, answers that come too late, 5xx that go away on retry, and a ledger on disk that the tests read.
 * <pre>
 * POST /v1/authorizations                  {amount, currency, paymentToken, reference}   201 | 402 declined
 * POST /v1/authorizations/{id}/capture     {amount}                                       200 | 409
 * POST /v1/authorizations/{id}/void        {}                                             200 | 409
 * GET  /v1/authorizations/{id}
 * GET  /v1/authorizations[?reference=…]    the ledger, with every operation asked of each authorization
 * </pre>
 * Configuration (environment): {@code EMPORIUM_PAYMENT_SIMULATOR_PORT} (8090), {@code …_LEDGER} (the journal file),
 * {@code …_API_KEY} (if set, requests need it as a bearer token), {@code …_SLOW_DELAY_MS} (4000: how late
 * {@code tok_slow} answers), {@code …_FLAKY_FAILURES} (2: how many 503s {@code tok_flaky} gives per key).
 */
public final class PaymentSimulator {

    private static final Pattern OPERATION = Pattern.compile("/v1/authorizations/([A-Za-z0-9_]{1,64})(/capture|/void)?");
    private static final int MAX_BODY = 16 * 1024;

    private final ObjectMapper json;
    private final Ledger ledger;
    private final String apiKey;
    private final Duration slowDelay;
    private final int flakyFailures;
    private final Map<String, AtomicInteger> flakyAttempts = new ConcurrentHashMap<>();

    PaymentSimulator(Ledger ledger, ObjectMapper json, String apiKey, Duration slowDelay, int flakyFailures) {
        this.ledger = ledger;
        this.json = json;
        this.apiKey = apiKey;
        this.slowDelay = slowDelay;
        this.flakyFailures = flakyFailures;
    }

    public static void main(String[] args) throws IOException {
        ObjectMapper json = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
        int port = Integer.parseInt(env("PORT", "8090"));
        Path ledgerFile = Path.of(env("LEDGER", "payment-simulator-ledger.jsonl"));
        PaymentSimulator simulator = new PaymentSimulator(new Ledger(ledgerFile, json), json, env("API_KEY", ""),
                Duration.ofMillis(Long.parseLong(env("SLOW_DELAY_MS", "4000"))), Integer.parseInt(env("FLAKY_FAILURES", "2")));
        HttpServer server = HttpServer.create(new InetSocketAddress(env("ADDRESS", "127.0.0.1"), port), 128);
        server.createContext("/", simulator::handle);
        // slow answers hold their thread: enough threads that they do not hold up the others
        server.setExecutor(Executors.newFixedThreadPool(64));
        server.start();
        System.out.println("Payment provider SIMULATOR (not a real provider) on :" + port + ", ledger " + ledgerFile.toAbsolutePath());
    }

    private static String env(String name, String fallback) {
        String value = System.getenv("EMPORIUM_PAYMENT_SIMULATOR_" + name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Ledger.Answer answer;
            try {
                answer = route(exchange);
            } catch (IllegalArgumentException badRequest) {
                answer = error(400, "invalid_request", badRequest.getMessage());
            } catch (RuntimeException failure) {
                answer = error(500, "internal_error", failure.getMessage());
            }
            byte[] body = json.writeValueAsBytes(answer.body());
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            if (answer.status() == 503) exchange.getResponseHeaders().set("Retry-After", "1");
            exchange.sendResponseHeaders(answer.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private Ledger.Answer route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if (path.startsWith("/actuator/health")) { // where the stack's tools look, as for the Spring services
            return new Ledger.Answer(200, json.createObjectNode().put("status", "UP").put("simulator", true));
        }
        if (!apiKey.isEmpty() && !("Bearer " + apiKey).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            return error(401, "unauthorized", "A valid API key is needed (Authorization: Bearer …).");
        }
        if (path.equals("/v1/authorizations")) {
            if (method.equals("GET")) return ledger.list(queryParameter(exchange, "reference"));
            if (method.equals("POST")) return authorize(exchange);
            return error(405, "method_not_allowed", method + " is not allowed here.");
        }
        Matcher operation = OPERATION.matcher(path);
        if (!operation.matches()) return error(404, "not_found", "No such resource: " + path);
        String id = operation.group(1);
        if (operation.group(2) == null) {
            return method.equals("GET") ? ledger.find(id) : error(405, "method_not_allowed", method + " is not allowed here.");
        }
        if (!method.equals("POST")) return error(405, "method_not_allowed", method + " is not allowed here.");
        String key = idempotencyKey(exchange);
        JsonNode body = body(exchange);
        String fingerprint = fingerprint(method, path, body);
        if (operation.group(2).equals("/capture")) {
            return ledger.capture("capture:" + key, fingerprint, id, amount(body));
        }
        return ledger.voidAuthorization("void:" + key, fingerprint, id);
    }

    private Ledger.Answer authorize(HttpExchange exchange) throws IOException {
        String key = idempotencyKey(exchange);
        JsonNode body = body(exchange);
        String fingerprint = fingerprint("POST", "/v1/authorizations", body);
        String scopedKey = "authorize:" + key;
        Ledger.Answer earlier = ledger.answered(scopedKey, fingerprint);
        if (earlier != null) return earlier;
        long amount = amount(body);
        String currency = text(body, "currency");
        if (!currency.matches("[A-Z]{3}")) throw new IllegalArgumentException("currency is an ISO 4217 code, e.g. EUR");
        String reference = text(body, "reference");
        String token = text(body, "paymentToken");
        TestCard card = TestCard.of(token).orElse(null);
        if (card == null) {
            return error(400, "invalid_payment_token", "Unknown payment token; the simulator's test tokens are tok_approve,"
                    + " tok_decline_funds, tok_decline_expired, tok_slow and tok_flaky.");
        }
        if (card == TestCard.FLAKY && flakyAttempts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() <= flakyFailures) {
            return error(503, "temporarily_unavailable", "The simulator fails this attempt on purpose (tok_flaky); retry with the same key.");
        }
        Ledger.Answer answer = ledger.authorize(scopedKey, fingerprint, reference, amount, currency, card);
        if (card == TestCard.SLOW) {
            try {
                Thread.sleep(slowDelay.toMillis()); // authorized already: a retry with the same key gets it at once
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return answer;
    }

    private static String idempotencyKey(HttpExchange exchange) {
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        if (key == null || key.isBlank() || key.length() > 255) {
            throw new IllegalArgumentException("Every POST needs an Idempotency-Key header (1 to 255 characters).");
        }
        return key;
    }

    private JsonNode body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) throw new IllegalArgumentException("The body is larger than " + MAX_BODY + " bytes.");
            if (bytes.length == 0) return json.createObjectNode();
            try {
                JsonNode body = json.readTree(bytes);
                if (body == null || !body.isObject()) throw new IllegalArgumentException("The body is a JSON object.");
                return body;
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("The body is not JSON: " + e.getOriginalMessage());
            }
        }
    }

    private static long amount(JsonNode body) {
        JsonNode amount = body.get("amount");
        if (amount == null || !amount.canConvertToLong() || !amount.isIntegralNumber() || amount.asLong() < 1) {
            throw new IllegalArgumentException("amount is a whole number of minor units (cents), at least 1");
        }
        return amount.asLong();
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank() || value.asText().length() > 200) {
            throw new IllegalArgumentException(field + " is required (text, up to 200 characters)");
        }
        return value.asText();
    }

    private static String queryParameter(HttpExchange exchange, String name) {
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null) return null;
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        }
        return null;
    }

    private String fingerprint(String method, String path, JsonNode body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((method + " " + path + " ").getBytes(StandardCharsets.UTF_8));
            sha.update(json.writeValueAsBytes(body));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Ledger.Answer error(int status, String code, String message) {
        ObjectNode body = new ObjectMapper().createObjectNode();
        body.putObject("error").put("code", code).put("message", message);
        return new Ledger.Answer(status, body);
    }
}
