package io.emporium.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The payment provider simulator (infra/payment-simulator) as its own process, with a ledger of its own, and what the
 * tests read of that ledger: every authorization, with the operations asked of it.
 */
public final class PaymentSimulatorProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public final ServiceProcess process;

    private PaymentSimulatorProcess(ServiceProcess process) {
        this.process = process;
    }

    /** @param slowDelay how late {@code tok_slow} answers */
    public static PaymentSimulatorProcess start(Duration slowDelay) throws Exception {
        Path ledger = Files.createTempDirectory("payment-simulator-").resolve("ledger.jsonl");
        ServiceProcess process = ServiceProcess.start("payment-simulator", "emporium.paymentSimulatorJar", "EMPORIUM_PAYMENT_SIMULATOR_PORT",
                Map.of("EMPORIUM_PAYMENT_SIMULATOR_LEDGER", ledger.toString(),
                        "EMPORIUM_PAYMENT_SIMULATOR_SLOW_DELAY_MS", Long.toString(slowDelay.toMillis())));
        process.awaitHealthy(Duration.ofSeconds(30));
        return new PaymentSimulatorProcess(process);
    }

    public String url() {
        return process.url("");
    }

    /** The authorizations made for a reference (an order id); all of them where it is null. */
    public List<JsonNode> authorizations(String reference) throws Exception {
        String query = reference == null ? "" : "?reference=" + reference;
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(process.url("/v1/authorizations" + query))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) throw new IllegalStateException("the simulator's ledger: " + answer.statusCode() + " " + answer.body());
        List<JsonNode> found = new ArrayList<>();
        JSON.readTree(answer.body()).path("data").forEach(found::add);
        return found;
    }

    public void killHard() throws InterruptedException {
        process.killHard();
    }

    public void restart() throws Exception {
        process.restart();
        process.awaitHealthy(Duration.ofSeconds(30));
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
