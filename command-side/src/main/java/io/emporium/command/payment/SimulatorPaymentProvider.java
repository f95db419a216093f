package io.emporium.command.payment;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emporium.api.Money;

/**
 * The adapter to the payment simulator's HTTP API (infra/payment-simulator), which is shaped like a real provider's:
 * amounts in minor units, an Idempotency-Key on every POST, 402 for a decline, 409 for a refused capture or void.
 */
class SimulatorPaymentProvider implements PaymentProvider {

    private final HttpClient http;
    private final ObjectMapper json;
    private final PaymentProperties properties;

    SimulatorPaymentProvider(PaymentProperties properties, ObjectMapper json) {
        this.properties = properties;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
    }

    @Override
    public Outcome authorize(String idempotencyKey, String reference, Money amount, String paymentToken) {
        var body = json.createObjectNode()
                .put("amount", minorUnits(amount))
                .put("currency", amount.currency())
                .put("paymentToken", paymentToken)
                .put("reference", reference);
        return outcome(post("/v1/authorizations", idempotencyKey, body), amount.currency());
    }

    @Override
    public Outcome capture(String idempotencyKey, String authorizationId, Money amount) {
        var body = json.createObjectNode().put("amount", minorUnits(amount));
        return outcome(post("/v1/authorizations/" + authorizationId + "/capture", idempotencyKey, body), amount.currency());
    }

    @Override
    public Outcome voidAuthorization(String idempotencyKey, String authorizationId) {
        return outcome(post("/v1/authorizations/" + authorizationId + "/void", idempotencyKey, json.createObjectNode()), null);
    }

    @Override
    public Outcome findByReference(String reference) {
        HttpResponse<String> answer = send(request("/v1/authorizations?reference="
                + java.net.URLEncoder.encode(reference, java.nio.charset.StandardCharsets.UTF_8)).GET().build());
        JsonNode found = read(answer).path("data");
        for (JsonNode authorization : found) {
            if (authorization.path("status").asText().equals("authorized")) {
                return new Done(authorization.path("id").asText(), money(authorization, authorization.path("currency").asText()));
            }
        }
        return new NotFound();
    }

    private Outcome outcome(HttpResponse<String> answer, String currency) {
        JsonNode body = read(answer);
        if (answer.statusCode() / 100 == 2) {
            return new Done(body.path("id").asText(), money(body, currency == null ? body.path("currency").asText() : currency));
        }
        if (answer.statusCode() == 402) {
            return new Refused(body.path("declineCode").asText("declined"), body.path("message").asText("the card was declined"));
        }
        JsonNode error = body.path("error");
        return new Refused(error.path("code").asText("refused"), error.path("message").asText("HTTP " + answer.statusCode()));
    }

    private HttpResponse<String> post(String path, String idempotencyKey, JsonNode body) {
        try {
            return send(request(path).header("Idempotency-Key", idempotencyKey).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(properties.providerUrl() + path)).timeout(properties.timeout());
        if (properties.apiKey() != null && !properties.apiKey().isBlank()) request.header("Authorization", "Bearer " + properties.apiKey());
        return request;
    }

    private HttpResponse<String> send(HttpRequest request) {
        HttpResponse<String> answer;
        try {
            answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UnavailableException("the payment provider did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while waiting for the payment provider", e);
        }
        if (answer.statusCode() >= 500 || answer.statusCode() == 429) {
            throw new UnavailableException("the payment provider answered " + answer.statusCode(), null);
        }
        if (answer.statusCode() == 401 || answer.statusCode() == 403) {
            // our own configuration is wrong: retrying later may help once an operator fixed it, refusing would not
            throw new UnavailableException("the payment provider refused the shop's API key (" + answer.statusCode() + ")", null);
        }
        return answer;
    }

    private JsonNode read(HttpResponse<String> answer) {
        try {
            return json.readTree(answer.body());
        } catch (IOException e) {
            throw new UnavailableException("the payment provider's answer is not JSON (" + answer.statusCode() + ")", e);
        }
    }

    private static long minorUnits(Money amount) {
        return amount.amount().movePointRight(2).longValueExact();
    }

    private static Money money(JsonNode body, String currency) {
        return new Money(BigDecimal.valueOf(body.path("amount").asLong()).movePointLeft(2), currency);
    }
}
