package io.emporium.command.it;

import static io.emporium.command.it.CommandService.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.emporium.testsupport.PaymentSimulatorProcess;
import io.emporium.testsupport.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Orders that pay, against the payment simulator as a real process: one authorization per order whatever the provider
 * does (slow, flaky, away), captured when the order ships, voided when it will not, checked in the simulator's ledger.
 */
class OrderPaymentIT {

    private static PaymentSimulatorProcess simulator;
    private static CommandService service;

    @BeforeAll
    static void start() throws Exception {
        simulator = PaymentSimulatorProcess.start(Duration.ofMillis(1500));
        service = CommandService.start(TestServices.newDatabase(), "emporium.payments.provider-url=" + simulator.url(),
                "emporium.payments.timeout=500ms", "emporium.payments.max-retry-delay=500ms",
                "emporium.orders.reservation-timeout=8s");
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) service.close();
        if (simulator != null) simulator.close();
    }

    @Test
    void anApprovedOrderIsConfirmedWithOneAuthorizationOfItsTotalThenCapturedWhenShipped() throws Exception {
        String product = service.createProduct("PAY-APPROVE", 10);
        String order = place(product, 2, "tok_approve");
        awaitEvent(order, "OrderConfirmedEvent");
        assertThat(types(order)).containsSubsequence("OrderPlacedEvent", "OrderPaymentRequestedEvent", "OrderPaymentAuthorizedEvent",
                "OrderConfirmedEvent");
        JsonNode authorization = onlyAuthorization(order);
        assertThat(authorization.path("amount").asLong()).isEqualTo(2000);
        assertThat(authorization.path("status").asText()).isEqualTo("authorized");

        assertThat(service.post("/api/orders/" + order + "/ship", "").statusCode()).isEqualTo(200);
        awaitEvent(order, "OrderPaymentCapturedEvent");
        authorization = onlyAuthorization(order);
        assertThat(authorization.path("status").asText()).isEqualTo("captured");
        assertThat(authorization.path("capturedAmount").asLong()).isEqualTo(2000);
    }

    @Test
    void aDeclinedCardRejectsTheOrderWithTheReasonAndReleasesTheStock() throws Exception {
        String product = service.createProduct("PAY-DECLINE", 3);
        String order = place(product, 3, "tok_decline_funds");
        awaitEvent(order, "OrderRejectedEvent");
        JsonNode rejected = event(order, "OrderRejectedEvent");
        assertThat(rejected.path("reason").asText()).contains("insufficient funds");
        await("the stock is released").atMost(Duration.ofSeconds(20)).until(() -> service.events(product).stream()
                .anyMatch(e -> e.path("@type").asText().equals("StockReleasedEvent") && e.path("orderId").asText().equals(order)));
        assertThat(onlyAuthorization(order).path("status").asText()).isEqualTo("declined");
        // all three units can be ordered again
        String next = place(product, 3, "tok_approve");
        awaitEvent(next, "OrderConfirmedEvent");
    }

    @Test
    void flakyAndSlowProvidersAreRetriedWithTheSameKeyIntoOneAuthorization() throws Exception {
        String product = service.createProduct("PAY-RETRY", 10);
        String flaky = place(product, 1, "tok_flaky");
        String slow = place(product, 1, "tok_slow");
        awaitEvent(flaky, "OrderConfirmedEvent");
        awaitEvent(slow, "OrderConfirmedEvent");
        assertThat(onlyAuthorization(flaky).path("status").asText()).isEqualTo("authorized");
        assertThat(onlyAuthorization(slow).path("status").asText()).isEqualTo("authorized");
    }

    @Test
    void cancellingAConfirmedOrderVoidsItsAuthorization() throws Exception {
        String product = service.createProduct("PAY-CANCEL", 10);
        String order = place(product, 1, "tok_approve");
        awaitEvent(order, "OrderConfirmedEvent");
        assertThat(service.post("/api/orders/" + order + "/cancel", "{}").statusCode()).isEqualTo(200);
        awaitEvent(order, "OrderPaymentVoidedEvent");
        assertThat(onlyAuthorization(order).path("status").asText()).isEqualTo("voided");
    }

    /**
     * The provider authorizes, then goes away before its answer arrives and stays away past the order's deadline: the
     * order is rejected, and the authorization found once the provider is back is voided, none left dangling.
     */
    @Test
    void anAuthorizationThatArrivesAfterTheDeadlineIsVoided() throws Exception {
        String product = service.createProduct("PAY-LATE", 10);
        String order = place(product, 1, "tok_slow");
        await("the provider authorized").atMost(Duration.ofSeconds(20)).until(() -> !simulator.authorizations(order).isEmpty());
        simulator.killHard();
        try {
            awaitEvent(order, "OrderRejectedEvent");
            assertThat(event(order, "OrderRejectedEvent").path("reason").asText()).contains("not authorized in time");
        } finally {
            simulator.restart();
        }
        await("the late authorization is voided").atMost(Duration.ofSeconds(60)).until(() -> types(order).contains("OrderPaymentVoidedEvent"));
        assertThat(onlyAuthorization(order).path("status").asText()).isEqualTo("voided");
        assertThat(types(order)).doesNotContain("OrderConfirmedEvent");
    }

    private static String place(String product, int quantity, String token) {
        var answer = service.post("/api/orders", "{\"lines\":[{\"productId\":\"" + product + "\",\"quantity\":" + quantity + "}],"
                + "\"paymentToken\":\"" + token + "\"}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        return json(answer).get("orderId").asText();
    }

    private static void awaitEvent(String order, String type) {
        await(order + " has a " + type).atMost(Duration.ofSeconds(40)).until(() -> types(order).contains(type));
    }

    private static List<String> types(String aggregate) {
        return service.events(aggregate).stream().map(e -> e.path("@type").asText()).toList();
    }

    private static JsonNode event(String aggregate, String type) {
        return service.events(aggregate).stream().filter(e -> e.path("@type").asText().equals(type)).findFirst().orElseThrow();
    }

    private static JsonNode onlyAuthorization(String order) throws Exception {
        List<JsonNode> authorizations = simulator.authorizations(order);
        assertThat(authorizations).as("authorizations of " + order).hasSize(1);
        return authorizations.get(0);
    }
}
