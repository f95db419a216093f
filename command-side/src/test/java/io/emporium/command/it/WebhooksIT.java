package io.emporium.command.it;

import static io.emporium.command.it.CommandService.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.emporium.testsupport.TestDatabase;
import io.emporium.testsupport.TestServices;
import io.emporium.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Webhooks to a receiver of the test's own: deliveries signed as Standard Webhooks says, each aggregate's in order, kept
 * while the receiver is down and all delivered when it is back; private addresses refused unless allowed.
 */
class WebhooksIT {

    private static final String ALL_TYPES = "[\"io.emporium.order.placed.v1\",\"io.emporium.order.confirmed.v1\","
            + "\"io.emporium.order.shipped.v1\",\"io.emporium.product.created.v1\",\"io.emporium.product.price-changed.v1\","
            + "\"io.emporium.product.stock-changed.v1\"]";
    private static TestDatabase database;
    private static CommandService service;
    private static WebhookReceiver receiver;

    @BeforeAll
    static void start() throws Exception {
        database = TestServices.newDatabase();
        service = CommandService.start(database, "emporium.webhooks.allowed-networks=127.0.0.1/32",
                "emporium.webhooks.first-retry=1s", "emporium.webhooks.max-retry=8s");
        receiver = WebhookReceiver.start();
    }

    @AfterAll
    static void stop() {
        if (service != null) service.close();
        if (receiver != null) receiver.close();
    }

    @Test
    void deliveriesAreSignedInOrderAndAReceiverDownForAMinuteGetsEverythingWhenBack() throws Exception {
        var registered = service.post("/api/webhooks", "{\"url\":\"" + receiver.url("/hooks") + "\",\"eventTypes\":" + ALL_TYPES + "}");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        String endpoint = json(registered).path("id").asText();
        String secret = json(registered).path("secret").asText();
        assertThat(secret).startsWith("whsec_");
        assertThat(registered.headers().firstValue("Location")).hasValue("/api/webhooks/" + endpoint);
        assertThat(service.get("/api/webhooks/" + endpoint).body()).as("the secret is shown once").doesNotContain(secret);

        List<String> aggregates = new ArrayList<>();
        String product = service.createProduct("HOOK-1", 50);
        aggregates.add(product);
        aggregates.add(placeOrder(product));
        awaitDelivered(aggregates, Duration.ofSeconds(30));

        receiver.stop();
        Instant down = Instant.now();
        try {
            for (int round = 0; round < 3; round++) {
                assertThat(service.put("/api/products/" + product + "/price", "{\"price\":" + (20 + round) + "}").statusCode()).isEqualTo(200);
                aggregates.add(placeOrder(product));
                aggregates.add(service.createProduct("HOOK-DOWN-" + round, 5));
                Thread.sleep(15_000);
            }
            Thread.sleep(Math.max(0, Duration.ofMinutes(1).minus(Duration.between(down, Instant.now())).toMillis()));
            JsonNode waiting = json(service.get("/api/webhooks/" + endpoint));
            assertThat(waiting.path("state").asText()).isEqualTo("active");
            assertThat(waiting.path("backlog").asLong()).isGreaterThanOrEqualTo(9);
            assertThat(waiting.path("failingSince").isNull()).isFalse();
            JsonNode failed = json(service.get("/api/webhooks/" + endpoint + "/deliveries?limit=200")).findValues("attempts").stream()
                    .filter(a -> a.asInt() > 1).findFirst().orElse(null);
            assertThat(failed).as("deliveries were tried again while the receiver was down").isNotNull();
        } finally {
            receiver.listen();
        }
        awaitDelivered(aggregates, Duration.ofSeconds(60));

        for (WebhookReceiver.Delivery delivery : hooks()) {
            assertThat(WebhookReceiver.verify(secret, delivery.id(), delivery.timestamp(), delivery.signature(), delivery.body(), Instant.now()))
                    .as("the signature of " + delivery.id()).isTrue();
            assertThat(delivery.event().path("id").asText()).isEqualTo(delivery.id());
        }
        JsonNode log = json(service.get("/api/webhooks/" + endpoint + "/deliveries?limit=200"));
        JsonNode retried = null;
        for (JsonNode delivery : log) {
            assertThat(delivery.path("state").asText()).isEqualTo("delivered");
            if (delivery.path("attempts").asInt() > 1) retried = delivery;
        }
        assertThat(retried).as("a delivery that failed while the receiver was down").isNotNull();
        JsonNode details = json(service.get("/api/webhooks/" + endpoint + "/deliveries/" + retried.path("eventId").asText()));
        JsonNode attempts = details.path("attempts");
        assertThat(attempts.get(0).path("status").asInt()).isEqualTo(204);
        assertThat(attempts.get(attempts.size() - 1).path("status").isNull()).as("no answer while it was down").isTrue();
        assertThat(attempts.get(attempts.size() - 1).path("error").asText()).isNotBlank();
        var again = service.post("/api/webhooks/" + endpoint + "/deliveries/" + retried.path("eventId").asText() + "/retry", "");
        assertThat(again.statusCode()).as("a delivered one is not sent again").isEqualTo(409);
        assertThat(json(service.get("/api/webhooks/" + endpoint)).path("failingSince").isNull()).isTrue();
    }

    @Test
    void aReceiversCheckRefusesABadSignatureAndAnOldTimestamp() throws Exception {
        WebhookReceiver own = WebhookReceiver.start();
        try (own) {
            var registered = service.post("/api/webhooks", "{\"url\":\"" + own.url("/check") + "\",\"eventTypes\":[\"io.emporium.product.created.v1\"]}");
            String secret = json(registered).path("secret").asText();
            service.createProduct("HOOK-CHECK", 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> !own.received().isEmpty());
            WebhookReceiver.Delivery delivery = own.received().get(0);
            Instant now = Instant.now();
            assertThat(WebhookReceiver.verify(secret, delivery.id(), delivery.timestamp(), delivery.signature(), delivery.body(), now)).isTrue();

            byte[] altered = new String(delivery.body(), StandardCharsets.UTF_8).replace("HOOK-CHECK", "HOOK-CHEAP").getBytes(StandardCharsets.UTF_8);
            assertThat(WebhookReceiver.verify(secret, delivery.id(), delivery.timestamp(), delivery.signature(), altered, now))
                    .as("another body").isFalse();
            assertThat(WebhookReceiver.verify(secret, "another-id", delivery.timestamp(), delivery.signature(), delivery.body(), now))
                    .as("another id").isFalse();
            String otherSecret = json(service.post("/api/webhooks", "{\"url\":\"" + own.url("/other") + "\",\"eventTypes\":"
                    + "[\"io.emporium.product.created.v1\"]}")).path("secret").asText();
            assertThat(WebhookReceiver.verify(otherSecret, delivery.id(), delivery.timestamp(), delivery.signature(), delivery.body(), now))
                    .as("another endpoint's secret").isFalse();
            Instant muchLater = Instant.ofEpochSecond(Long.parseLong(delivery.timestamp())).plusSeconds(WebhookReceiver.TOLERANCE_SECONDS + 60);
            assertThat(WebhookReceiver.verify(secret, delivery.id(), delivery.timestamp(), delivery.signature(), delivery.body(), muchLater))
                    .as("a genuine delivery replayed ten minutes later").isFalse();
        }
    }

    @Test
    void privateAndLoopbackReceiversAreRefusedUnlessTheirNetworkIsAllowed() {
        int before = json(service.get("/api/webhooks")).size();
        for (String url : List.of("http://127.0.0.2:9/x", "http://10.1.2.3/x", "http://192.168.0.10/x", "http://169.254.169.254/latest/meta-data",
                "http://[::1]:8080/x", "http://[fd00::1]/x", "http://0.0.0.0:8080/x", "ftp://example.org/x", "http://user:pw@127.0.0.1/x",
                "not a url")) {
            var refused = service.post("/api/webhooks", "{\"url\":\"" + url + "\",\"eventTypes\":[\"io.emporium.order.placed.v1\"]}");
            assertThat(refused.statusCode()).as(url + ": " + refused.body()).isEqualTo(422);
            assertThat(json(refused).path("detail").asText()).isNotBlank();
        }
        var unknownType = service.post("/api/webhooks", "{\"url\":\"" + receiver.url("/x") + "\",\"eventTypes\":[\"io.emporium.order.lost.v1\"]}");
        assertThat(unknownType.statusCode()).as(unknownType.body()).isEqualTo(400);
        assertThat(service.post("/api/webhooks", "{\"url\":\"" + receiver.url("/x") + "\",\"eventTypes\":[]}").statusCode()).isEqualTo(400);
        var customer = service.post("/api/webhooks", "{\"url\":\"" + receiver.url("/x") + "\",\"eventTypes\":[\"io.emporium.order.placed.v1\"]}",
                "Authorization", TestTokens.bearer(TestTokens.customer("c-9")));
        assertThat(customer.statusCode()).isEqualTo(403);
        assertThat(json(service.get("/api/webhooks")).size()).as("nothing was registered").isEqualTo(before);
        var admin = service.post("/api/webhooks", "{\"url\":\"" + receiver.url("/admin") + "\",\"eventTypes\":[\"io.emporium.order.placed.v1\"]}",
                "Authorization", TestTokens.bearer(TestTokens.admin()));
        assertThat(admin.statusCode()).as("an allowed network; an admin may").isEqualTo(201);
        assertThat(service.call("DELETE", "/api/webhooks/" + json(admin).path("id").asText()).statusCode()).isEqualTo(204);
    }

    /** What the shared receiver got at the endpoint of the first test. */
    private static List<WebhookReceiver.Delivery> hooks() {
        return receiver.received().stream().filter(d -> d.path().equals("/hooks")).toList();
    }

    private static String placeOrder(String product) {
        var placed = service.post("/api/orders", "{\"lines\":[{\"productId\":\"" + product + "\",\"quantity\":1}]}");
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(202);
        String order = json(placed).get("orderId").asText();
        await("the order is confirmed").atMost(Duration.ofSeconds(30))
                .until(() -> service.events(order).stream().anyMatch(e -> e.path("@type").asText().equals("OrderConfirmedEvent")));
        return order;
    }

    /**
     * Waits until the receiver has every public event of these aggregates, then checks each aggregate's arrived in the
     * event store's order (a repeat only under the same id, never after a later event).
     */
    private static void awaitDelivered(List<String> aggregates, Duration within) throws Exception {
        List<StoredPublicEvents.Stored> stored = StoredPublicEvents.of(database, aggregates);
        Set<String> expected = stored.stream().map(StoredPublicEvents.Stored::id).collect(Collectors.toSet());
        await("every public event is delivered").atMost(within)
                .until(() -> hooks().stream().map(WebhookReceiver.Delivery::id).collect(Collectors.toSet()).containsAll(expected));
        Map<String, List<String>> storedOrder = new LinkedHashMap<>();
        stored.forEach(s -> storedOrder.computeIfAbsent(s.aggregateId(), a -> new ArrayList<>()).add(s.id()));
        Map<String, List<String>> arrivedOrder = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (WebhookReceiver.Delivery delivery : hooks()) {
            String aggregate = delivery.event().path("subject").asText();
            List<String> arrived = arrivedOrder.computeIfAbsent(aggregate, a -> new ArrayList<>());
            if (seen.add(delivery.id())) arrived.add(delivery.id());
            else assertThat(arrived.get(arrived.size() - 1)).as("a repeat comes right after itself, not after a later event").isEqualTo(delivery.id());
        }
        for (String aggregate : aggregates) {
            assertThat(arrivedOrder.get(aggregate)).as("the events of " + aggregate + " in order").isEqualTo(storedOrder.get(aggregate));
        }
    }
}
