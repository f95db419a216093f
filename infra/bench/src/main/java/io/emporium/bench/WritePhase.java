package io.emporium.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Commands through HTTP at a number of concurrent clients, every client waiting for each answer before the next. The
 * mixed load: creates (30%), price changes (30%), stock arrivals (20%) and orders of one to three products (20%). The
 * order load: orders alone (each a saga, one to three reservations and a confirmation or a rejection).
 */
final class WritePhase {

    enum Mix { MIXED, ORDERS }

    record Result(double commandsPerSec, double p50Ms, double p99Ms, long commands, long failed) {
    }

    /** A product this run created, and the word that finds it in search. */
    record Created(String id, String uniqueWord) {
    }

    private final Http http;
    private final String commandUrl;
    private final long seed;
    private final String runTag;
    private final List<Created> products = new CopyOnWriteArrayList<>();
    private final AtomicInteger numbers = new AtomicInteger();

    WritePhase(Http http, String commandUrl, long seed, String runTag) {
        this.http = http;
        this.commandUrl = commandUrl;
        this.seed = seed;
        this.runTag = runTag;
    }

    List<Created> products() {
        return products;
    }

    /** Products to change and order, created before the clock runs. */
    void seed(int count) {
        Catalogue catalogue = new Catalogue(seed);
        for (int i = 0; i < count; i++) {
            create(catalogue);
            if (i % 50 == 0) Progress.show("seeding", i, count, "");
        }
        Progress.done("seeding", count + " products");
    }

    Result run(int clients, int seconds, Mix mix) throws InterruptedException {
        // each client its own catalogue: generators are not shared between threads
        ThreadLocal<Catalogue> catalogues = ThreadLocal.withInitial(() -> new Catalogue(seed * 17 + Thread.currentThread().getId()));
        ClosedLoop.Outcome outcome = ClosedLoop.run("write", clients, seconds, seed,
                random -> mix == Mix.ORDERS ? order(random) : command(random, catalogues.get()));
        Latencies latencies = outcome.latencies();
        Progress.done("write", String.format("%,.0f commands/s (%s)", outcome.perSecond(), mix.name().toLowerCase()));
        return new Result(outcome.perSecond(), latencies.percentileMillis(50), latencies.percentileMillis(99), latencies.count(), outcome.failed());
    }

    private Http.Answer command(Random random, Catalogue catalogue) {
        int dice = random.nextInt(100);
        if (dice < 30) return create(catalogue);
        Created product = products.get(random.nextInt(products.size()));
        if (dice < 60) {
            return http.send("PUT", commandUrl + "/api/products/" + product.id() + "/price",
                    "{\"price\":" + catalogue.price().toPlainString() + "}");
        }
        if (dice < 80) {
            return http.post(commandUrl + "/api/products/" + product.id() + "/stock", "{\"quantity\":" + (1 + random.nextInt(20)) + "}");
        }
        return order(random);
    }

    private Http.Answer order(Random random) {
        StringBuilder lines = new StringBuilder();
        int count = 1 + random.nextInt(3);
        List<String> chosen = new ArrayList<>();
        while (chosen.size() < count) {
            String id = products.get(random.nextInt(products.size())).id();
            if (!chosen.contains(id)) chosen.add(id);
        }
        for (String id : chosen) {
            if (lines.length() > 0) lines.append(',');
            lines.append("{\"productId\":\"").append(id).append("\",\"quantity\":1}");
        }
        return http.post(commandUrl + "/api/orders", "{\"lines\":[" + lines + "]}");
    }

    private Http.Answer create(Catalogue catalogue) {
        int number = numbers.incrementAndGet();
        Catalogue.Product product = catalogue.product(number);
        // a word of random letters: search finds it at once, and it is many typos away from every other product's
        Catalogue.Product unique = new Catalogue.Product(runTag + "-" + product.sku(), product.name().replace(" N" + number,
                " " + catalogue.word(12)), product.description(), product.category(), product.price(), Math.max(50, product.stock()),
                product.brand(), product.group() == null ? null : runTag.toLowerCase() + "-" + product.group(), product.attributes());
        Http.Answer answer = http.post(commandUrl + "/api/products", unique.json());
        if (answer.ok()) products.add(new Created(answer.json().get("productId").asText(), unique.uniqueWord()));
        return answer;
    }
}
