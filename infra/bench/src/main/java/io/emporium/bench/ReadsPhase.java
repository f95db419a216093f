package io.emporium.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Product reads by id at a number of clients over a skewed choice of products (Zipf, exponent 1: a few products are
 * read very often, most rarely), first from Elasticsearch (the service asked with {@code Cache-Control: no-cache}),
 * then through the shared Redis cache, in the same run. For each: requests/s, latencies, and the CPU Elasticsearch
 * and the query service used; for the cached one the hit ratio. The rate limiter runs all along (with limits
 * the benchmark cannot reach): its cost per request comes from the service's own timer.
 */
final class ReadsPhase {

    record Side(double requestsPerSec, double p50Ms, double p99Ms, long failed, double elasticsearchCores, double queryServiceCores) {
    }

    /** @param hitRatio of the cached side; @param limiterMicros mean time a request spent in the rate limiter */
    record Result(int products, Side fromIndex, Side cached, double hitRatio, double limiterMicros, String limiterBuckets) {
    }

    private static final Pattern COUNTER = Pattern.compile("^(emporium_cache_reads_total|emporium_rate_limit_seconds_(?:count|sum))\\{([^}]*)\\} ([0-9.eE+-]+)$", Pattern.MULTILINE);

    private final Http anonymous = new Http(null);
    private final Http admin;
    private final String queryUrl;
    private final String esUrl;
    private final Http toElasticsearch;
    private final Long esPid;
    private final Long queryPid;

    ReadsPhase(Http admin, String queryUrl, Elasticsearch elasticsearch, Long esPid, Long queryPid) {
        this.admin = admin;
        this.queryUrl = queryUrl;
        this.esUrl = elasticsearch.url();
        this.toElasticsearch = elasticsearch.http();
        this.esPid = esPid;
        this.queryPid = queryPid;
    }

    Result run(String alias, int products, int clients, int seconds, long seed) throws InterruptedException {
        List<String> ids = productIds(alias, products);
        double[] zipf = zipfCumulative(ids.size());
        Side fromIndex = load("reads from Elasticsearch", ids, zipf, clients, seconds, seed, "Cache-Control", "no-cache");
        double[] before = counters();
        Side cached = load("reads through Redis", ids, zipf, clients, seconds, seed);
        double[] after = counters();
        double hits = after[0] - before[0];
        double misses = after[1] - before[1];
        double hitRatio = hits + misses > 0 ? hits / (hits + misses) : Double.NaN;
        boolean shared = after[2] - before[2] > 0;
        double limited = shared ? after[2] - before[2] : after[4] - before[4];
        double limitedSeconds = shared ? after[3] - before[3] : after[5] - before[5];
        double limiterMicros = limited > 0 ? limitedSeconds / limited * 1e6 : Double.NaN;
        Progress.done("reads", String.format("p99 %.1f ms from Elasticsearch, %.1f ms through Redis (hit ratio %.2f); rate limiter %.0f µs a request (%s buckets)",
                fromIndex.p99Ms, cached.p99Ms, hitRatio, limiterMicros, shared ? "Redis" : "local"));
        return new Result(ids.size(), fromIndex, cached, hitRatio, limiterMicros, shared ? "redis" : "local");
    }

    /** Something that adds that many products to the event store. */
    interface Loader {
        void load(int products) throws Exception;
    }

    /** Makes sure the live index holds at least {@code wanted} products: loads the missing ones and waits for them. */
    void ensureProducts(String alias, int wanted, Loader loader) throws Exception {
        long present = count(alias);
        if (present >= wanted) return;
        loader.load((int) (wanted - present));
        long deadline = System.nanoTime() + 600_000_000_000L;
        while ((present = count(alias)) < wanted) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("Only " + present + " of " + wanted + " products were projected in 10 minutes");
            Progress.show("reads: projecting products", present, wanted, " products");
            Thread.sleep(1000);
        }
        Progress.done("reads: products", String.format("%,d in the read model", present));
    }

    private long count(String alias) {
        return toElasticsearch.get(esUrl + "/" + alias + "/_count").orFail("counting products").json().get("count").asLong();
    }

    /** Ids of the first {@code products} products of the live index, asked of Elasticsearch directly. */
    private List<String> productIds(String alias, int products) {
        String body = "{\"size\":" + products + ",\"_source\":false,\"sort\":[\"_doc\"]}";
        List<String> ids = new ArrayList<>();
        toElasticsearch.post(esUrl + "/" + alias + "/_search", body).orFail("listing products").json()
                .at("/hits/hits").forEach(hit -> ids.add(hit.get("_id").asText()));
        if (ids.isEmpty()) throw new IllegalStateException("No products in " + alias + " to read");
        return ids;
    }

    /** P(rank k) proportional to 1/k, as a cumulative table to draw from. */
    static double[] zipfCumulative(int n) {
        double[] cumulative = new double[n];
        double sum = 0;
        for (int k = 1; k <= n; k++) cumulative[k - 1] = sum += 1.0 / k;
        for (int i = 0; i < n; i++) cumulative[i] /= sum;
        return cumulative;
    }

    static int draw(double[] cumulative, Random random) {
        int at = Arrays.binarySearch(cumulative, random.nextDouble());
        return Math.min(cumulative.length - 1, at >= 0 ? at : -at - 1);
    }

    private Side load(String step, List<String> ids, double[] zipf, int clients, int seconds, long seed, String... headers)
            throws InterruptedException {
        long esBefore = CpuUse.processTicks(esPid);
        long queryBefore = CpuUse.processTicks(queryPid);
        long start = System.nanoTime();
        ClosedLoop.Outcome outcome = ClosedLoop.run(step, clients, seconds, seed,
                random -> anonymous.get(queryUrl + "/api/products/" + ids.get(draw(zipf, random)), headers));
        double elapsedTicks = (System.nanoTime() - start) / 1e9 * CpuUse.TICKS_PER_SECOND;
        Latencies latencies = outcome.latencies();
        Side side = new Side(outcome.perSecond(), latencies.percentileMillis(50), latencies.percentileMillis(99), outcome.failed(),
                esPid == null ? Double.NaN : (CpuUse.processTicks(esPid) - esBefore) / elapsedTicks,
                (CpuUse.processTicks(queryPid) - queryBefore) / elapsedTicks);
        Progress.done(step, String.format("%,.0f requests/s, p50 %.1f ms, p99 %.1f ms; Elasticsearch %.2f cores, query service %.2f cores",
                side.requestsPerSec, side.p50Ms, side.p99Ms, side.elasticsearchCores, side.queryServiceCores));
        return side;
    }

    /** {cache hits, cache misses, limiter count (Redis), limiter seconds (Redis), limiter count (local), limiter seconds (local)} */
    private double[] counters() {
        double[] values = new double[6];
        Matcher m = COUNTER.matcher(admin.get(queryUrl + "/actuator/prometheus").orFail("metrics").body());
        while (m.find()) {
            String name = m.group(1);
            String labels = m.group(2);
            double value = Double.parseDouble(m.group(3));
            if (name.equals("emporium_cache_reads_total")) values[labels.contains("result=\"hit\"") ? 0 : 1] += value;
            else values[(labels.contains("buckets=\"redis\"") ? 2 : 4) + (name.endsWith("_sum") ? 1 : 0)] += value;
        }
        return values;
    }
}
