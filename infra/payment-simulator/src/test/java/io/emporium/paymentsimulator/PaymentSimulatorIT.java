package io.emporium.paymentsimulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emporium.testsupport.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The simulator as its own process: what a provider promises, and that a {@code kill -9} loses nothing it answered. */
class PaymentSimulatorIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static ServiceProcess simulator;

    @BeforeAll
    static void start() throws Exception {
        Path ledger = Files.createTempDirectory("simulator-").resolve("ledger.jsonl");
        simulator = ServiceProcess.start("payment-simulator", "emporium.paymentSimulatorJar", "EMPORIUM_PAYMENT_SIMULATOR_PORT",
                Map.of("EMPORIUM_PAYMENT_SIMULATOR_LEDGER", ledger.toString(), "EMPORIUM_PAYMENT_SIMULATOR_SLOW_DELAY_MS", "1500",
                        "EMPORIUM_PAYMENT_SIMULATOR_API_KEY", "sk_sim_test"));
        simulator.awaitHealthy(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() throws Exception {
        if (simulator != null) simulator.close();
    }

    @Test
    void anApprovingCardIsAuthorizedOnceWhateverTheRetries() throws Exception {
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first = authorize(key, "tok_approve", 1250, "order-a");
        HttpResponse<String> again = authorize(key, "tok_approve", 1250, "order-a");
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(ledger("order-a").size()).isEqualTo(1);
        assertThat(authorize(key, "tok_approve", 9999, "order-a").statusCode()).as("the key reused for another amount").isEqualTo(422);
    }

    @Test
    void decliningCardsSayWhy() throws Exception {
        HttpResponse<String> funds = authorize(UUID.randomUUID().toString(), "tok_decline_funds", 500, "order-b");
        HttpResponse<String> expired = authorize(UUID.randomUUID().toString(), "tok_decline_expired", 500, "order-b");
        assertThat(funds.statusCode()).isEqualTo(402);
        assertThat(JSON.readTree(funds.body()).path("declineCode").asText()).isEqualTo("insufficient_funds");
        assertThat(JSON.readTree(expired.body()).path("declineCode").asText()).isEqualTo("expired_card");
        assertThat(authorize(UUID.randomUUID().toString(), "4111111111111111", 500, "order-b").statusCode())
                .as("anything but a test token").isEqualTo(400);
    }

    @Test
    void aFlakyCardFailsTwiceThenWorks() throws Exception {
        String key = UUID.randomUUID().toString();
        assertThat(authorize(key, "tok_flaky", 700, "order-c").statusCode()).isEqualTo(503);
        assertThat(authorize(key, "tok_flaky", 700, "order-c").statusCode()).isEqualTo(503);
        assertThat(authorize(key, "tok_flaky", 700, "order-c").statusCode()).isEqualTo(201);
        assertThat(ledger("order-c").size()).isEqualTo(1);
    }

    @Test
    void aSlowCardIsAuthorizedBeforeItAnswersAndARetryGetsItAtOnce() throws Exception {
        String key = UUID.randomUUID().toString();
        HttpRequest slow = authorization(key, "tok_slow", 900, "order-d").timeout(Duration.ofMillis(300)).build();
        try {
            HTTP.send(slow, HttpResponse.BodyHandlers.ofString());
        } catch (java.net.http.HttpTimeoutException expected) {
            // the client gave up; the provider did not
        }
        long start = System.nanoTime();
        HttpResponse<String> retry = authorize(key, "tok_slow", 900, "order-d");
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1000));
        assertThat(ledger("order-d").size()).isEqualTo(1);
    }

    @Test
    void anAuthorizationIsCapturedOnceForItsAmountOrVoided() throws Exception {
        String id = JSON.readTree(authorize(UUID.randomUUID().toString(), "tok_approve", 2000, "order-e").body()).path("id").asText();
        assertThat(post("/v1/authorizations/" + id + "/capture", "cap-other", "{\"amount\":1999}").statusCode()).isEqualTo(409);
        HttpResponse<String> captured = post("/v1/authorizations/" + id + "/capture", "cap-1", "{\"amount\":2000}");
        assertThat(captured.statusCode()).isEqualTo(200);
        assertThat(post("/v1/authorizations/" + id + "/capture", "cap-1", "{\"amount\":2000}").body()).isEqualTo(captured.body());
        assertThat(post("/v1/authorizations/" + id + "/capture", "cap-2", "{\"amount\":2000}").statusCode()).isEqualTo(409);
        assertThat(post("/v1/authorizations/" + id + "/void", "void-1", "{}").statusCode()).isEqualTo(409);

        String other = JSON.readTree(authorize(UUID.randomUUID().toString(), "tok_approve", 300, "order-f").body()).path("id").asText();
        assertThat(post("/v1/authorizations/" + other + "/void", "void-2", "{}").statusCode()).isEqualTo(200);
        assertThat(post("/v1/authorizations/" + other + "/capture", "cap-3", "{\"amount\":300}").statusCode()).isEqualTo(409);
        JsonNode operations = ledger("order-e").get(0).path("operations");
        assertThat(operations).extracting(op -> op.path("kind").asText() + ":" + op.path("outcome").asText())
                .containsExactly("authorize:done", "capture:amount_mismatch", "capture:done", "capture:already_captured",
                        "void:already_captured");
    }

    @Test
    void whatWasAnsweredOutlivesAKill() throws Exception {
        String key = UUID.randomUUID().toString();
        HttpResponse<String> before = authorize(key, "tok_approve", 4200, "order-g");
        simulator.killHard();
        simulator.restart();
        simulator.awaitHealthy(Duration.ofSeconds(30));
        assertThat(authorize(key, "tok_approve", 4200, "order-g").body()).isEqualTo(before.body());
        assertThat(ledger("order-g").size()).isEqualTo(1);
    }

    @Test
    void withoutTheApiKeyNothingIsAnswered() throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(simulator.url("/v1/authorizations"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(401);
    }

    private static HttpResponse<String> authorize(String key, String token, long amount, String reference) throws Exception {
        return HTTP.send(authorization(key, token, amount, reference).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder authorization(String key, String token, long amount, String reference) {
        return request("/v1/authorizations", key).POST(HttpRequest.BodyPublishers.ofString(
                "{\"amount\":" + amount + ",\"currency\":\"EUR\",\"paymentToken\":\"" + token + "\",\"reference\":\"" + reference + "\"}"));
    }

    private static HttpResponse<String> post(String path, String key, String body) throws Exception {
        return HTTP.send(request(path, key).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String path, String key) {
        return HttpRequest.newBuilder(URI.create(simulator.url(path))).header("Idempotency-Key", key)
                .header("Authorization", "Bearer sk_sim_test").header("Content-Type", "application/json");
    }

    private static JsonNode ledger(String reference) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(simulator.url("/v1/authorizations?reference=" + reference)))
                .header("Authorization", "Bearer sk_sim_test").build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(answer.body()).path("data");
    }
}
