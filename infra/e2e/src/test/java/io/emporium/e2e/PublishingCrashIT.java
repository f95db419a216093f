package io.emporium.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emporium.testsupport.PrivateKafka;
import io.emporium.testsupport.PublishedEvents;
import io.emporium.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The event store as the outbox, under faults: while clients create products, change prices and place orders without
 * pause, the command service (the publisher) is killed with {@code kill -9} twice (the second time while it sends the
 * backlog that built up while Kafka was away) and Kafka is stopped for 20 s. A
 * consumer then reads both topics from their start and finds every stored event of a public type at least once, none
 * missing, each aggregate's events in their order, and repeats only under the same id (with the same content).
 * Sizes: {@code -Demporium.publishing.crash.seconds} of load (default 60) and {@code -Demporium.publishing.crash.kafka-down}
 * seconds of Kafka away (default 20).
 */
class PublishingCrashIT {

    /** The internal events that have a public counterpart (the command service's PublicEvents). */
    private static final Set<String> PUBLIC_TYPES = Set.of("OrderPlacedEvent", "OrderConfirmedEvent", "OrderRejectedEvent",
            "OrderCancelledEvent", "OrderShippedEvent", "OrderPaymentAuthorizedEvent", "OrderPaymentCapturedEvent",
            "OrderPaymentVoidedEvent", "ProductCreatedEvent", "ProductPriceChangedEvent", "ProductDetailsUpdatedEvent",
            "ProductDiscontinuedEvent", "StockAddedEvent", "StockReservedEvent", "StockReleasedEvent", "StockShippedEvent");
    private static final int SECONDS = Integer.getInteger("emporium.publishing.crash.seconds", 60);
    private static final int KAFKA_DOWN = Integer.getInteger("emporium.publishing.crash.kafka-down", 20);
    private static final int CLIENTS = 8;
    private static final ObjectMapper json = new ObjectMapper();
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static PrivateKafka kafka;
    private static Stack stack;

    @BeforeAll
    static void startTheStack() throws Exception {
        kafka = PrivateKafka.launch();
        stack = Stack.start(Map.of("EMPORIUM_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "EMPORIUM_KAFKA_ACK_TIMEOUT", "10s", "EMPORIUM_IDEMPOTENCY_LEASE", "5s"));
    }

    @AfterAll
    static void stopTheStack() throws Exception {
        if (stack != null) stack.close();
        if (kafka != null) kafka.close();
    }

    @Test
    void everyPublicEventReachesKafkaInOrderThroughKillsAndAKafkaOutage() throws Exception {
        List<String> products = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 3; i++) products.add(createProduct("PUBCRASH-SEED-" + i));
        Instant end = Instant.now().plusSeconds(SECONDS);
        AtomicInteger commands = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> load = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            load.add(clients.submit(() -> {
                Random random = new Random(client);
                for (int n = 0; Instant.now().isBefore(end); n++) {
                    String key = "pubcrash-" + client + "-" + n;
                    int what = random.nextInt(10);
                    if (what == 0) products.add(createProduct("PUBCRASH-" + client + "-" + n));
                    else if (what == 1) untilAnswered(key, "PUT", "/api/products/" + pick(products, random) + "/price",
                            "{\"price\":" + (5 + random.nextInt(20)) + ".50}");
                    else untilAnswered(key, "POST", "/api/orders",
                            "{\"lines\":[{\"productId\":\"" + pick(products, random) + "\",\"quantity\":1}]}");
                    commands.incrementAndGet();
                }
                return null;
            }));
        }

        // the faults, spread over the load: a kill; Kafka stopped; and a kill while the publisher sends the backlog that
        // built up meanwhile (batches Kafka acknowledged before the position was stored: they go again, as repeats)
        List<Instant[]> downtimes = new ArrayList<>();
        Thread.sleep(SECONDS * 1000L / 6);
        Kills.killAndRestart(stack.command, downtimes);
        kafka.stop();
        Thread.sleep(KAFKA_DOWN * 1000L);
        kafka.restart();
        Thread.sleep(1500);
        Kills.killAndRestart(stack.command, downtimes);
        for (Future<?> client : load) client.get(5, TimeUnit.MINUTES);
        clients.shutdown();

        // the order saga and the deadlines go on storing events after the load ends: every event stored before the read
        // must arrive; what was published during the read is judged against the store as it is after the read
        Set<String> storedBefore = ids(publicEvents(stack.database));
        List<PublishedEvents.Received> read;
        try (PublishedEvents consumer = new PublishedEvents(kafka.bootstrapServers(), List.of("emporium.orders", "emporium.products"))) {
            read = consumer.readUntil(r -> r.stream().map(PublishedEvents.Received::id).toList().containsAll(storedBefore), Duration.ofMinutes(3));
        }
        List<Stored> stored = publicEvents(stack.database);
        Set<String> storedIds = ids(stored);

        // none missing (checked by the read above), none unknown, repeats only of the same event under its id
        Map<String, JsonNode> firstById = new HashMap<>();
        int repeats = 0;
        for (PublishedEvents.Received record : read) {
            assertThat(storedIds).as("a published id the event store does not hold").contains(record.id());
            JsonNode first = firstById.putIfAbsent(record.id(), record.event());
            if (first != null) {
                repeats++;
                assertThat(record.event()).as("a repeat of %s", record.id()).isEqualTo(first);
            }
        }
        // in order per aggregate: its events' first deliveries come in the order they were stored, with no gap (events
        // stored during the read may still be on their way: the delivered ones are the start of the stored ones)
        Map<String, List<Long>> storedOrder = new LinkedHashMap<>();
        for (Stored event : stored) storedOrder.computeIfAbsent(event.aggregate(), a -> new ArrayList<>()).add(event.sequence());
        Map<String, List<Long>> deliveredOrder = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (PublishedEvents.Received record : read) {
            assertThat(record.key()).isEqualTo(record.subject());
            if (seen.add(record.id())) deliveredOrder.computeIfAbsent(record.subject(), a -> new ArrayList<>()).add(record.sequence());
        }
        for (var aggregate : storedOrder.entrySet()) {
            List<Long> delivered = deliveredOrder.getOrDefault(aggregate.getKey(), List.of());
            assertThat(delivered).as("the events of %s in their order", aggregate.getKey())
                    .isEqualTo(aggregate.getValue().subList(0, Math.min(delivered.size(), aggregate.getValue().size())));
        }
        System.out.printf("publishing crash test: %d commands, %d public events stored, %d records read (%d repeats), %d aggregates%n",
                commands.get(), stored.size(), read.size(), repeats, storedOrder.size());
        assertThat(downtimes).hasSize(2);
    }

    record Stored(String id, String aggregate, long sequence) {
    }

    private static List<Stored> publicEvents(TestDatabase database) throws Exception {
        List<Stored> stored = new ArrayList<>();
        try (Connection c = database.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT event_identifier, aggregate_identifier, sequence_number, payload_type"
                     + " FROM command.domain_event_entry ORDER BY global_index")) {
            while (rs.next()) {
                String type = rs.getString(4);
                if (PUBLIC_TYPES.contains(type.substring(type.lastIndexOf('.') + 1))) {
                    stored.add(new Stored(rs.getString(1), rs.getString(2), rs.getLong(3)));
                }
            }
        }
        return stored;
    }

    private static Set<String> ids(List<Stored> stored) {
        Set<String> ids = new HashSet<>();
        stored.forEach(event -> ids.add(event.id()));
        return ids;
    }

    private static String pick(List<String> products, Random random) {
        return products.get(random.nextInt(products.size()));
    }

    private static String createProduct(String sku) throws Exception {
        HttpResponse<String> created = untilAnswered("create-" + sku, "POST", "/api/products", "{\"sku\":\"" + sku + "\",\"name\":\"Publishing "
                + sku + "\",\"description\":\"\",\"category\":\"test\",\"price\":5.00,\"initialStock\":1000}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json.readTree(created.body()).get("productId").asText();
    }

    /** Sends with one Idempotency-Key until an answer that is final: whatever the service decided, it decided once. */
    private static HttpResponse<String> untilAnswered(String key, String method, String path, String body) throws Exception {
        Instant giveUp = Instant.now().plus(Duration.ofMinutes(2));
        while (true) {
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(stack.command.url(path)))
                        .header("Authorization", Stack.clientAuthorization()).header("Content-Type", "application/json")
                        .header("Idempotency-Key", key).timeout(Duration.ofSeconds(10))
                        .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                // a 409 for the key "still being handled" is not an answer: the request that claimed it died with the killed
                // instance, and the key is free again once its lease ends
                boolean keyStillClaimed = answer.statusCode() == 409 && answer.body().contains("still being handled");
                if (answer.statusCode() < 500 && !keyStillClaimed) return answer;
            } catch (java.io.IOException killedOrNotYetListening) {
                // the service is away: the same request again, with the same key
            }
            if (Instant.now().isAfter(giveUp)) throw new AssertionError("No final answer to " + method + " " + path + " within 2 minutes");
            Thread.sleep(200);
        }
    }
}
