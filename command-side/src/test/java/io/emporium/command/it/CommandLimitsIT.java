package io.emporium.command.it;

import static org.awaitility.Awaitility.await;
import static io.emporium.command.it.CommandService.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.emporium.testsupport.TestDatabase;
import io.emporium.testsupport.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a command service promises when it cannot keep up or a request's handler is lost: a command that does not
 * complete in time and a full command queue are answered 503 with Retry-After (at once, for the queue), never a hang;
 * an Idempotency-Key whose first request died is taken over after its lease; a retry of a timed-out request answers
 * what its command did and never acts twice.
 */
class CommandLimitsIT {

    private static final int THREADS = 2;
    private static final int QUEUE = 2;

    private static TestDatabase database;
    private static CommandService service;

    @BeforeAll
    static void start() {
        database = TestServices.newDatabase();
        service = CommandService.start(database, "emporium.commands.threads=" + THREADS, "emporium.commands.queue-capacity=" + QUEUE,
                "emporium.commands.timeout=1s", "emporium.idempotency.lease=3s");
    }

    @AfterAll
    static void stop() {
        if (service != null) service.close();
    }

    @Test
    void aCommandThatCannotCompleteInTimeIs503WithRetryAfter() throws Exception {
        String product = service.createProduct("SLOW-1", 5);
        try (Connection blocker = database.connect()) {
            blocker.setAutoCommit(false);
            service.holdNextEventOf(blocker, product);
            Instant sent = Instant.now();
            HttpResponse<String> answer = service.put("/api/products/" + product + "/price", "{\"price\":11.00}");
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
            assertThat(answer.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(json(answer).get("detail").asText()).contains("did not complete within 1000 ms");
            assertThat(Duration.between(sent, Instant.now())).isLessThan(Duration.ofSeconds(3));
            blocker.rollback();
        }
    }

    @Test
    void aFullCommandQueueIsAnswered503AtOnceAndNothingHangs() throws Exception {
        String product = service.createProduct("BUSY-1", 5);
        int requests = 12;
        List<Long> millis = new ArrayList<>();
        List<Integer> statuses = new ArrayList<>();
        try (Connection blocker = database.connect()) {
            blocker.setAutoCommit(false);
            service.holdNextEventOf(blocker, product);
            List<Callable<long[]>> stockArrivals = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                stockArrivals.add(() -> {
                    long start = System.nanoTime();
                    int status = service.post("/api/products/" + product + "/stock", "{\"quantity\":1}").statusCode();
                    return new long[] {status, (System.nanoTime() - start) / 1_000_000};
                });
            }
            ExecutorService clients = Executors.newFixedThreadPool(requests);
            for (Future<long[]> answer : clients.invokeAll(stockArrivals)) {
                statuses.add((int) answer.get()[0]);
                millis.add(answer.get()[1]);
            }
            clients.shutdown();
            blocker.rollback();
        }
        assertThat(statuses).as("every request answered 503").containsOnly(503);
        assertThat(millis).as("answer times (ms)").allSatisfy(ms -> assertThat(ms).isLessThan(3_000));
        // at most threads + queue were admitted (and waited the 1 s time-out); every other one was turned away at once
        assertThat(millis.stream().filter(ms -> ms < 500).count()).as("answered at once, in %s", millis)
                .isGreaterThanOrEqualTo(requests - THREADS - QUEUE);
    }

    /** How the service stores a caller's key: scoped to the token's subject (here the test token's customer). */
    private static String storedKey(String subject, String key) {
        return subject.length() + ":" + subject + ":" + key;
    }

    @Test
    void anIdempotencyClaimWhoseOwnerIsGoneIsTakenOverAfterItsLease() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = "{\"sku\":\"LEASE-1\",\"name\":\"Leased\",\"description\":\"\",\"category\":\"test\",\"price\":1.00,\"initialStock\":1}";
        // the claim of a first request whose process died before it answered
        try (Connection c = database.connect();
             PreparedStatement claim = c.prepareStatement("INSERT INTO command.idempotency_key (idempotency_key, request_hash,"
                     + " lease_until) VALUES (?, ?, now() + interval '2 seconds')")) {
            claim.setString(1, storedKey(CommandService.CUSTOMER, key));
            claim.setString(2, requestHash("POST /api/products", body));
            claim.executeUpdate();
        }

        HttpResponse<String> whileLeased = service.post("/api/products", body, "Idempotency-Key", key);
        assertThat(whileLeased.statusCode()).as(whileLeased.body()).isEqualTo(409);

        // refused while the dead request's lease runs; then the retry takes the key over
        HttpResponse<String> afterLease = await("the dead request's lease to run out").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> service.post("/api/products", body, "Idempotency-Key", key), answer -> answer.statusCode() != 409);
        assertThat(afterLease.statusCode()).as(afterLease.body()).isEqualTo(201);
        HttpResponse<String> again = service.post("/api/products", body, "Idempotency-Key", key);
        assertThat(again.body()).isEqualTo(afterLease.body());
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    }

    @Test
    void aRetryOfATimedOutOrderAnswersThatOrderAndPlacesNoSecond() throws Exception {
        String product = service.createProduct("RETRY-1", 50);
        String key = UUID.randomUUID().toString();
        String customer = "customer-" + key;
        String body = "{\"customerId\":\"" + customer + "\",\"lines\":[{\"productId\":\"" + product + "\",\"quantity\":1}]}";
        try (Connection blocker = database.connect(); Statement s = blocker.createStatement()) {
            // hold what a command with this key takes first in its transaction: the order is stored only later
            blocker.setAutoCommit(false);
            s.execute("SELECT pg_advisory_xact_lock(hashtextextended('" + storedKey(customer, key) + "', 0))");
            HttpResponse<String> first = service.post("/api/orders", body, "Idempotency-Key", key);
            assertThat(first.statusCode()).as(first.body()).isEqualTo(503);
            blocker.rollback();
        }
        await("the timed-out order is stored after all").atMost(Duration.ofSeconds(10)).until(() -> ordersOf(customer) == 1);

        HttpResponse<String> retry = service.post("/api/orders", body, "Idempotency-Key", key);
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(202);
        String placed = database.queryString("SELECT aggregate_identifier FROM command.domain_event_entry"
                + " WHERE payload_type LIKE '%OrderPlacedEvent' AND convert_from(payload, 'UTF8') LIKE '%" + customer + "%'");
        assertThat(json(retry).get("orderId").asText()).isEqualTo(placed);
        await("no second order").during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> ordersOf(customer) == 1);
    }

    private static long ordersOf(String customer) {
        return database.queryLong("SELECT count(*) FROM command.domain_event_entry WHERE payload_type LIKE '%OrderPlacedEvent'"
                + " AND convert_from(payload, 'UTF8') LIKE '%" + customer + "%'");
    }

    private static String requestHash(String methodAndPath, String body) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update((methodAndPath + "\n").getBytes(StandardCharsets.UTF_8));
        digest.update(body.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest.digest());
    }

}
