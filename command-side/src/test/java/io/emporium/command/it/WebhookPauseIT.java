package io.emporium.command.it;

import static io.emporium.command.it.CommandService.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.emporium.testsupport.TestDatabase;
import io.emporium.testsupport.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An endpoint that keeps failing (here a receiver that redirects, which is not followed) is paused after the pause time
 * with its whole backlog kept and shown; nothing is sent while it is paused; resumed, it gets the backlog in order.
 */
class WebhookPauseIT {

    private static CommandService service;
    private static TestDatabase database;

    @BeforeAll
    static void start() {
        database = TestServices.newDatabase();
        service = CommandService.start(database, "emporium.webhooks.allowed-networks=127.0.0.1/32",
                "emporium.webhooks.first-retry=500ms", "emporium.webhooks.max-retry=1s", "emporium.webhooks.pause-after=4s");
    }

    @AfterAll
    static void stop() {
        if (service != null) service.close();
    }

    @Test
    void anEndpointThatKeepsFailingIsPausedWithItsBacklogAndResumedGetsItInOrder() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            receiver.answer(302);
            String endpoint = register(receiver.url("/pause"));
            String product = service.createProduct("PAUSE-1", 3);
            for (int price = 11; price <= 12; price++) {
                assertThat(service.put("/api/products/" + product + "/price", "{\"price\":" + price + "}").statusCode()).isEqualTo(200);
            }
            List<StoredPublicEvents.Stored> stored = StoredPublicEvents.of(database, List.of(product));

            await("the endpoint is paused").atMost(Duration.ofSeconds(60))
                    .until(() -> "paused".equals(json(service.get("/api/webhooks/" + endpoint)).path("state").asText()));
            JsonNode paused = json(service.get("/api/webhooks/" + endpoint));
            assertThat(paused.path("pausedReason").asText()).contains("every attempt failed").contains("302");
            assertThat(paused.path("backlog").asLong()).isEqualTo(stored.size());
            JsonNode log = json(service.get("/api/webhooks/" + endpoint + "/deliveries"));
            assertThat(log).hasSize(stored.size());
            JsonNode first = log.get(log.size() - 1);
            assertThat(first.path("eventId").asText()).isEqualTo(stored.get(0).id());
            assertThat(first.path("attempts").asInt()).isGreaterThanOrEqualTo(2);
            assertThat(first.path("lastStatus").asInt()).isEqualTo(302);
            for (int i = 0; i < log.size() - 1; i++) {
                assertThat(log.get(i).path("attempts").asInt()).as("a later event waits for the first of its aggregate").isZero();
            }
            assertThat(receiver.received()).as("the redirect is not followed").noneMatch(d -> d.path().equals("/elsewhere"));
            assertThat(receiver.received()).allMatch(d -> d.id().equals(stored.get(0).id()));

            int whilePaused = receiver.received().size();
            var retry = service.post("/api/webhooks/" + endpoint + "/deliveries/" + first.path("eventId").asText() + "/retry", "");
            assertThat(retry.statusCode()).as(retry.body()).isEqualTo(202);
            Thread.sleep(3000);
            assertThat(receiver.received()).as("nothing is sent while paused").hasSize(whilePaused);

            receiver.answer(204);
            assertThat(json(service.post("/api/webhooks/" + endpoint + "/resume", "")).path("state").asText()).isEqualTo("active");
            await("the backlog is delivered").atMost(Duration.ofSeconds(30))
                    .until(() -> json(service.get("/api/webhooks/" + endpoint)).path("backlog").asLong() == 0);
            Set<String> arrived = new LinkedHashSet<>();
            receiver.received().forEach(d -> arrived.add(d.id()));
            assertThat(List.copyOf(arrived)).isEqualTo(stored.stream().map(StoredPublicEvents.Stored::id).toList());
        }
    }

    @Test
    void anEndpointThatAnswersGoneIsPausedAtOnce() throws Exception {
        try (WebhookReceiver gone = WebhookReceiver.start()) {
            gone.answer(410);
            String endpoint = register(gone.url("/gone"));
            service.createProduct("GONE-1", 1);
            await("the endpoint is paused").atMost(Duration.ofSeconds(30))
                    .until(() -> "paused".equals(json(service.get("/api/webhooks/" + endpoint)).path("state").asText()));
            assertThat(json(service.get("/api/webhooks/" + endpoint)).path("pausedReason").asText()).contains("410");
            assertThat(gone.received()).hasSize(1);
        }
    }

    private static String register(String url) {
        var registered = service.post("/api/webhooks", "{\"url\":\"" + url + "\",\"eventTypes\":[\"io.emporium.product.created.v1\","
                + "\"io.emporium.product.price-changed.v1\"]}");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        return json(registered).path("id").asText();
    }
}
