package io.emporium.bench;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Price changes at a steady rate; for a sample of them, the time from the command's answer until search shows the
 * new price (found by the product's own word, polled every 100 ms by at most eight watchers; about two samples a
 * second, so that the polling itself does not load the service it measures).
 */
final class FreshnessPhase {

    record Result(double p50Ms, double p99Ms, long sampled, long lost, double commandsPerSec) {
    }

    private final Http client;
    private final Http anonymous = new Http(null, null);
    private final String commandUrl;
    private final String queryUrl;

    FreshnessPhase(Http client, String commandUrl, String queryUrl) {
        this.client = client;
        this.commandUrl = commandUrl;
        this.queryUrl = queryUrl;
    }

    Result run(List<WritePhase.Created> products, int perSecond, int seconds, int sampleEvery, long seed) throws InterruptedException {
        Latencies visible = new Latencies();
        AtomicLong sent = new AtomicLong();
        AtomicLong lost = new AtomicLong();
        Random random = new Random(seed);
        ScheduledExecutorService pacer = Executors.newScheduledThreadPool(1);
        ExecutorService senders = Executors.newFixedThreadPool(32);
        // few watchers, polling every 100 ms: the polling must not become the load that it measures
        ExecutorService watchers = Executors.newFixedThreadPool(8);
        long periodMicros = 1_000_000L / perSecond;
        long total = (long) perSecond * seconds;
        pacer.scheduleAtFixedRate(() -> {
            long n = sent.incrementAndGet();
            if (n > total) return;
            WritePhase.Created product = products.get(random.nextInt(products.size()));
            BigDecimal price = BigDecimal.valueOf(100_00 + n, 2);
            senders.submit(() -> {
                Http.Answer answer = client.send("PUT", commandUrl + "/api/products/" + product.id() + "/price",
                        "{\"price\":" + price.toPlainString() + "}");
                if (!answer.ok() || n % sampleEvery != 0) return;
                long answeredAt = System.nanoTime();
                watchers.submit(() -> {
                    long deadline = answeredAt + 30_000_000_000L;
                    while (System.nanoTime() < deadline) {
                        if (shows(product, price)) {
                            visible.add(System.nanoTime() - answeredAt);
                            return;
                        }
                        sleep(100);
                    }
                    lost.incrementAndGet();
                });
            });
        }, 0, periodMicros, TimeUnit.MICROSECONDS);
        long start = System.nanoTime();
        while (sent.get() < total) {
            Thread.sleep(1000);
            Progress.show("freshness", (System.nanoTime() - start) / 1_000_000_000L, seconds,
                    String.format("s  %,d sampled, p99 %.0f ms", visible.count(), visible.percentileMillis(99)));
        }
        pacer.shutdown();
        senders.shutdown();
        senders.awaitTermination(60, TimeUnit.SECONDS);
        watchers.shutdown();
        watchers.awaitTermination(60, TimeUnit.SECONDS);
        double rate = total / ((System.nanoTime() - start) / 1e9);
        Progress.done("freshness", String.format("p50 %.0f ms, p99 %.0f ms over %,d sampled commands", visible.percentileMillis(50),
                visible.percentileMillis(99), visible.count()));
        return new Result(visible.percentileMillis(50), visible.percentileMillis(99), visible.count(), lost.get(), rate);
    }

    private boolean shows(WritePhase.Created product, BigDecimal price) {
        Http.Answer answer = anonymous.get(queryUrl + "/api/products/search?size=20&q=" + URLEncoder.encode(product.uniqueWord(), StandardCharsets.UTF_8));
        if (!answer.ok()) return false;
        for (JsonNode item : answer.json().get("items")) {
            if (item.get("productId").asText().equals(product.id())) return item.get("price").decimalValue().compareTo(price) == 0;
        }
        return false;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
