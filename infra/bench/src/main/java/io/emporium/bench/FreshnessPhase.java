package io.emporium.bench;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Price changes at a steady rate; for a sample of them (about two a second), the time from the command's answer
 * until search shows the new price, found by the product's own word and polled every 100 ms.
 * A sampled product is changed by nothing else until its change is seen: at 200 commands/s over a few hundred
 * products each product changes every few seconds, and a later price would hide the sampled one.
 */
final class FreshnessPhase {

    /**
     * {@code handled…}/{@code indexed…}: the query service's own view of the same traffic, the age of each event
     * when its batch started and when its bulk request returned; search shows a change at the refresh after that.
     */
    record Result(double p50Ms, double p99Ms, long sampled, long lost, double commandsPerSec,
                  double handledP50Ms, double handledP99Ms, double indexedP50Ms, double indexedP99Ms,
                  double pollP50Ms, double pollP99Ms) {
    }

    private final Http client;
    private final Http admin;
    private final Http anonymous = new Http(null);
    private final String commandUrl;
    private final String queryUrl;
    private final Latencies visible = new Latencies();
    private final AtomicLong lost = new AtomicLong();
    /** how long the watchers' own searches take: part of what they measure */
    private final Latencies polls = new Latencies();

    FreshnessPhase(Http client, Http admin, String commandUrl, String queryUrl) {
        this.client = client;
        this.admin = admin;
        this.commandUrl = commandUrl;
        this.queryUrl = queryUrl;
    }

    /** @param warmupSeconds the same load first, not measured: the services' code is compiled and their pools filled */
    Result run(List<WritePhase.Created> products, int perSecond, int warmupSeconds, int seconds, int sampleEvery, long seed)
            throws InterruptedException {
        AtomicLong sent = new AtomicLong();
        Random random = new Random(seed);
        // a fifth of the products are kept for samples, each back in the pool once its change has been seen
        int sampleProducts = Math.max(1, products.size() / 5);
        BlockingQueue<WritePhase.Created> idleSamples = new LinkedBlockingQueue<>(products.subList(0, sampleProducts));
        List<WritePhase.Created> background = products.subList(sampleProducts, products.size());
        ScheduledExecutorService pacer = Executors.newScheduledThreadPool(1);
        ExecutorService senders = Executors.newFixedThreadPool(32);
        // few watchers, polling every 100 ms: the polling must not become the load that it measures
        ExecutorService watchers = Executors.newFixedThreadPool(8);
        long periodMicros = 1_000_000L / perSecond;
        long warmup = (long) perSecond * warmupSeconds;
        long total = warmup + (long) perSecond * seconds;
        pacer.scheduleAtFixedRate(() -> {
            long n = sent.incrementAndGet();
            if (n > total) return;
            WritePhase.Created sample = n > warmup && n % sampleEvery == 0 ? idleSamples.poll() : null;
            WritePhase.Created product = sample != null ? sample : background.get(random.nextInt(background.size()));
            BigDecimal price = BigDecimal.valueOf(100_00 + n, 2);
            senders.submit(() -> {
                Http.Answer answer = client.send("PUT", commandUrl + "/api/products/" + product.id() + "/price",
                        "{\"price\":" + price.toPlainString() + "}");
                if (sample == null) return;
                if (!answer.ok()) {
                    idleSamples.add(sample);
                    return;
                }
                long answeredAt = System.nanoTime();
                watchers.submit(() -> {
                    try {
                        watch(sample, price, answeredAt);
                    } finally {
                        idleSamples.add(sample);
                    }
                });
            });
        }, 0, periodMicros, TimeUnit.MICROSECONDS);
        while (sent.get() < warmup) {
            Thread.sleep(100);
        }
        StageTimes before = StageTimes.scrape(admin, queryUrl);
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
        double rate = (total - warmup) / ((System.nanoTime() - start) / 1e9);
        StageTimes after = StageTimes.scrape(admin, queryUrl);
        Progress.done("freshness", String.format("p50 %.0f ms, p99 %.0f ms over %,d sampled commands", visible.percentileMillis(50),
                visible.percentileMillis(99), visible.count()));
        return new Result(visible.percentileMillis(50), visible.percentileMillis(99), visible.count(), lost.get(), rate,
                after.percentileMillisSince(before, "handled", 50), after.percentileMillisSince(before, "handled", 99),
                after.percentileMillisSince(before, "indexed", 50), after.percentileMillisSince(before, "indexed", 99),
                polls.percentileMillis(50), polls.percentileMillis(99));
    }

    private void watch(WritePhase.Created product, BigDecimal price, long answeredAt) {
        long deadline = answeredAt + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (shows(product, price)) {
                visible.add(System.nanoTime() - answeredAt);
                return;
            }
            sleep(100);
        }
        lost.incrementAndGet();
    }

    private boolean shows(WritePhase.Created product, BigDecimal price) {
        Http.Answer answer = anonymous.get(queryUrl + "/api/products/search?size=20&q=" + URLEncoder.encode(product.uniqueWord(), StandardCharsets.UTF_8));
        polls.add(answer.nanos());
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
