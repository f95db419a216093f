package io.emporium.command.it;

import static io.emporium.command.it.CommandService.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.emporium.testsupport.PrivateKafka;
import io.emporium.testsupport.PublicEventContract;
import io.emporium.testsupport.PublishedEvents;
import io.emporium.testsupport.TestDatabase;
import io.emporium.testsupport.TestServices;
import io.emporium.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The public events on a real Kafka (a KRaft node of the test's own): what the event store holds of a public type is
 * published as CloudEvents that conform to the committed AsyncAPI document, keyed and ordered per aggregate, with the
 * stored event's id; a Kafka that is away shows in health and loses nothing.
 */
class PublishingIT {

    private static final List<String> TOPICS = List.of("emporium.orders", "emporium.products");
    private static PrivateKafka kafka;
    private static TestDatabase database;
    private static CommandService service;

    @BeforeAll
    static void start() throws Exception {
        kafka = PrivateKafka.launch();
        database = TestServices.newDatabase();
        service = CommandService.start(database, "emporium.publishing.bootstrap-servers=" + kafka.bootstrapServers(),
                "emporium.publishing.ack-timeout=6s");
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) service.close();
        if (kafka != null) kafka.close();
    }

    @Test
    void everyStoredPublicEventIsPublishedOnceAsACloudEventOfTheContract() throws Exception {
        String product = service.createProduct("PUB-1", 10);
        assertThat(service.put("/api/products/" + product + "/price", "{\"price\":12.5}").statusCode()).isEqualTo(200);
        var placed = service.post("/api/orders", "{\"lines\":[{\"productId\":\"" + product + "\",\"quantity\":2}]}");
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(202);
        String order = json(placed).get("orderId").asText();
        await("the order is confirmed").atMost(Duration.ofSeconds(30)).until(() -> storedTypes(order).contains("OrderConfirmedEvent"));
        assertThat(service.post("/api/orders/" + order + "/ship", "").statusCode()).isEqualTo(200);
        await("the stock is shipped").atMost(Duration.ofSeconds(30)).until(() -> storedTypes(product).contains("StockShippedEvent"));

        List<StoredPublicEvents.Stored> stored = publicEventsOf(List.of(product, order));
        PublicEventContract contract = PublicEventContract.committed();
        try (PublishedEvents consumer = new PublishedEvents(kafka.bootstrapServers(), TOPICS)) {
            List<PublishedEvents.Received> read = consumer.readUntil(r -> ids(r).containsAll(stored.stream().map(StoredPublicEvents.Stored::id).toList()),
                    Duration.ofSeconds(60));
            for (PublishedEvents.Received record : read) {
                assertThat(contract.violations(record.event())).as(record.event().toString()).isEmpty();
                assertThat(record.key()).isEqualTo(record.subject());
                assertThat(record.contentType()).startsWith("application/cloudevents+json");
            }
            Map<String, PublishedEvents.Received> byId = read.stream().collect(Collectors.toMap(PublishedEvents.Received::id, r -> r, (a, b) -> a));
            for (StoredPublicEvents.Stored event : stored) {
                PublishedEvents.Received record = byId.get(event.id());
                assertThat(record.subject()).isEqualTo(event.aggregateId());
                assertThat(record.sequence()).isEqualTo(event.sequence());
                assertThat(record.topic()).isEqualTo(event.aggregateId().equals(order) ? "emporium.orders" : "emporium.products");
            }
            assertThat(types(read, order)).containsExactly("io.emporium.order.placed.v1", "io.emporium.order.confirmed.v1",
                    "io.emporium.order.shipped.v1");
            assertThat(types(read, product)).containsExactly("io.emporium.product.created.v1", "io.emporium.product.price-changed.v1",
                    "io.emporium.product.stock-changed.v1", "io.emporium.product.stock-changed.v1");
            String metrics = service.get("/actuator/prometheus", "Authorization", TestTokens.bearer(TestTokens.admin())).body();
            assertThat(metrics).containsPattern("emporium_publishing_lag_seconds_count(\\{[^}]*\\})? [1-9]")
                    .contains("emporium_publishing_behind").contains("emporium_publishing_failures_total");
            JsonNode confirmed = read.stream().filter(r -> r.event().path("type").asText().endsWith("order.confirmed.v1")).findFirst().orElseThrow().event();
            assertThat(confirmed.at("/data/total/amount").asText()).isEqualTo("25.00");
            assertThat(confirmed.path("source").asText()).isEqualTo("/emporium/orders");
        }
    }

    @Test
    void aKafkaThatIsAwayShowsInHealthAndGetsEverythingWhenBack() throws Exception {
        List<StoredPublicEvents.Stored> before = publicEventsOf(List.of(service.createProduct("PUB-BEFORE", 1)));
        try (PublishedEvents consumer = new PublishedEvents(kafka.bootstrapServers(), TOPICS)) {
            consumer.readUntil(r -> ids(r).containsAll(before.stream().map(StoredPublicEvents.Stored::id).toList()), Duration.ofSeconds(60));
        }
        kafka.stop();
        List<String> products = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) products.add(service.createProduct("PUB-AWAY-" + i, 1));
            await("publishing is DEGRADED").atMost(Duration.ofSeconds(60)).until(() -> "DEGRADED".equals(publishingHealth().path("status").asText()));
            JsonNode details = publishingHealth().path("details");
            assertThat(details.path("state").asText()).isEqualTo("failing");
            assertThat(details.path("behind").asLong()).isGreaterThanOrEqualTo(5);
            assertThat(details.path("lastError").asText()).isNotBlank();
        } finally {
            kafka.restart();
        }
        List<StoredPublicEvents.Stored> stored = publicEventsOf(products);
        try (PublishedEvents consumer = new PublishedEvents(kafka.bootstrapServers(), TOPICS)) {
            consumer.readUntil(r -> ids(r).containsAll(stored.stream().map(StoredPublicEvents.Stored::id).toList()), Duration.ofSeconds(90));
        }
        await("publishing is UP and caught up").atMost(Duration.ofSeconds(30)).until(() -> "UP".equals(publishingHealth().path("status").asText())
                && publishingHealth().at("/details/behind").asLong() == 0);
    }

    @Test
    void anAdminPausesResumesAndReplaysAndEachIsOnRecord() throws Exception {
        String admin = TestTokens.bearer(TestTokens.admin());
        assertThat(service.post("/admin/publishing/pause", "").statusCode()).as("a merchant may not").isEqualTo(403);
        JsonNode paused = json(service.post("/admin/publishing/pause", "", "Authorization", admin));
        assertThat(paused.path("state").asText()).isEqualTo("paused");
        String product = service.createProduct("PUB-PAUSED", 1);
        List<StoredPublicEvents.Stored> stored = publicEventsOf(List.of(product));
        try (PublishedEvents consumer = new PublishedEvents(kafka.bootstrapServers(), TOPICS)) {
            Thread.sleep(3000);
            assertThat(ids(consumer.readUntil(r -> true, Duration.ofSeconds(5)))).as("nothing goes out while paused").doesNotContain(stored.get(0).id());
            assertThat(json(service.get("/admin/publishing", "Authorization", admin)).path("behind").asLong()).isPositive();
            assertThat(json(service.post("/admin/publishing/resume", "", "Authorization", admin)).path("state").asText()).isNotEqualTo("paused");
            consumer.readUntil(r -> ids(r).contains(stored.get(0).id()), Duration.ofSeconds(60));
        }

        long position = database.queryLong("SELECT global_index FROM command.domain_event_entry WHERE event_identifier = '" + stored.get(0).id() + "'");
        assertThat(service.post("/admin/publishing/replay", "{\"fromPosition\":-1}", "Authorization", admin).statusCode()).isEqualTo(400);
        var replay = service.post("/admin/publishing/replay", "{\"fromPosition\":" + position + "}", "Authorization", admin);
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(202);
        try (PublishedEvents consumer = new PublishedEvents(kafka.bootstrapServers(), TOPICS)) {
            List<PublishedEvents.Received> read = consumer.readUntil(
                    r -> r.stream().filter(e -> e.id().equals(stored.get(0).id())).count() >= 2, Duration.ofSeconds(60));
            List<JsonNode> copies = read.stream().filter(e -> e.id().equals(stored.get(0).id())).map(PublishedEvents.Received::event).toList();
            assertThat(copies.get(1)).as("the replayed event is the same event").isEqualTo(copies.get(0));
        }
        JsonNode actions = json(service.get("/admin/publishing", "Authorization", admin)).path("recentActions");
        assertThat(actions.get(0).path("action").asText()).isEqualTo("replay");
        assertThat(actions.get(0).path("fromPosition").asLong()).isEqualTo(position);
        assertThat(actions.get(1).path("action").asText()).isEqualTo("resume");
        assertThat(actions.get(2).path("action").asText()).isEqualTo("pause");
        assertThat(actions.get(0).path("requestedBy").asText()).isNotBlank();
    }

    private static JsonNode publishingHealth() {
        return json(service.get("/actuator/health", "Authorization", TestTokens.bearer(TestTokens.admin()))).at("/components/publishing");
    }

    private static Set<String> ids(List<PublishedEvents.Received> read) {
        return read.stream().map(PublishedEvents.Received::id).collect(Collectors.toCollection(HashSet::new));
    }

    /** The types of an aggregate's events in the order read, each event once (a repeat has the same id). */
    private static List<String> types(List<PublishedEvents.Received> read, String aggregateId) {
        Set<String> seen = new HashSet<>();
        return read.stream().filter(r -> r.subject().equals(aggregateId) && seen.add(r.id())).map(r -> r.event().path("type").asText()).toList();
    }

    private static List<String> storedTypes(String aggregateId) {
        return service.events(aggregateId).stream().map(e -> e.path("@type").asText()).toList();
    }

    private static List<StoredPublicEvents.Stored> publicEventsOf(List<String> aggregates) throws Exception {
        return StoredPublicEvents.of(database, aggregates);
    }
}
