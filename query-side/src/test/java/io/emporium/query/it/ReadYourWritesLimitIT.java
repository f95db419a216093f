package io.emporium.query.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.emporium.api.Money;
import io.emporium.api.product.CatalogueDetails;
import io.emporium.api.product.ProductCreatedEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reads waiting for a version are bounded in number; the projections keep their freshness meanwhile. */
class ReadYourWritesLimitIT {

    private static final Money PRICE = new Money(BigDecimal.TEN, "EUR");

    private static QueryService service;
    private static EventLog events;

    @BeforeAll
    static void start() {
        service = QueryService.startOnFreshStore("emporium.read-your-writes.max-waiters=2", "emporium.read-your-writes.max-wait=3s");
        events = service.events();
        events.product("awaited", new ProductCreatedEvent("awaited", "SKU-AW", "Awaited Anvil", "", "test", PRICE, 1, CatalogueDetails.NONE));
        service.awaitProducts(Map.of("awaited", 0L), Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        if (service != null) service.close();
    }

    @Test
    void waitersOverTheLimitGet503AtOnceWhileProjectionsKeepTheirFreshness() throws Exception {
        int readers = 10;
        List<Callable<long[]>> reads = new ArrayList<>();
        for (int i = 0; i < readers; i++) {
            reads.add(() -> {
                long start = System.nanoTime();
                HttpResponse<String> answer = service.get("/api/products/awaited?minVersion=99");
                return new long[] {answer.statusCode(), (System.nanoTime() - start) / 1_000_000,
                        answer.headers().firstValue("Retry-After").isPresent() ? 1 : 0};
            });
        }
        ExecutorService clients = Executors.newFixedThreadPool(readers);
        List<Future<long[]>> answers = new ArrayList<>();
        for (Callable<long[]> read : reads) answers.add(clients.submit(read));

        // while they wait, a new product reaches the read model as fast as ever
        Thread.sleep(300);
        Instant appended = Instant.now();
        events.product("fresh", new ProductCreatedEvent("fresh", "SKU-FR", "Fresh Fig", "", "test", PRICE, 1, CatalogueDetails.NONE));
        service.awaitProducts(Map.of("fresh", 0L), Duration.ofSeconds(10));
        Duration freshness = Duration.between(appended, Instant.now());

        long waited = 0;
        long turnedAway = 0;
        for (Future<long[]> answer : answers) {
            long[] result = answer.get();
            assertThat(result[2]).as("Retry-After").isEqualTo(1);
            if (result[0] == 409) waited++;
            if (result[0] == 503) {
                turnedAway++;
                assertThat(result[1]).as("a turned-away read answers at once (ms)").isLessThan(1_000);
            }
        }
        clients.shutdown();
        assertThat(waited).as("reads that waited their 3 s").isEqualTo(2);
        assertThat(turnedAway).as("reads turned away").isEqualTo(readers - 2);
        assertThat(freshness).as("the new product's way into the read model").isLessThan(Duration.ofSeconds(3));
    }
}
