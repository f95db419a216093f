package io.emporium.bench;

import java.util.Map;

/** The table at the end of a run: each figure that matters, its target, and whether it was met. */
final class Report {

    private Report() {
    }

    @SuppressWarnings("unchecked")
    static String table(Map<String, Object> f) {
        Map<String, Object> write = (Map<String, Object>) f.get("write");
        Map<String, Object> rebuild = (Map<String, Object>) f.get("rebuild");
        Map<String, Object> freshness = (Map<String, Object>) f.get("freshness");
        Map<String, Object> verify = (Map<String, Object>) f.get("verify");
        Map<String, Object> search = (Map<String, Object>) f.get("search");
        Map<String, Object> reads = (Map<String, Object>) f.get("reads");
        Map<String, Object> fromIndex = reads == null ? null : (Map<String, Object>) reads.get("fromElasticsearch");
        Map<String, Object> throughRedis = reads == null ? null : (Map<String, Object>) reads.get("throughRedis");
        Map<String, Object> footprint = (Map<String, Object>) f.get("footprint");
        double heapLimit = n(footprint, "heapLimitMb");
        StringBuilder t = new StringBuilder("\n| figure | value | target | met |\n|---|---|---|---|\n");
        row(t, "commands/s over HTTP, 16 clients", n(write, "commandsPerSec"), "", null);
        row(t, "PostgreSQL inserts/s, 16 clients", n(write, "pgInsertsPerSec"), "", null);
        row(t, "write ratio", n(write, "ratio"), ">= 0.5", n(write, "ratio") >= 0.5);
        row(t, "floor requests/s (web stack + one JDBC insert), 16 clients", n(write, "floorRequestsPerSec"), "", null);
        row(t, "floor ratio (commands/s over floor requests/s)", n(write, "floorRatio"), ">= 0.5", n(write, "floorRatio") >= 0.5);
        row(t, "CPU ms per command: machine / command service", n(write, "cpuMsPerCommand"),
                String.format("<= 2.5 / <= 1 (command service %.2f; floor %.2f per request)", n(write, "commandServiceCpuMsPerCommand"),
                        n(write, "floorMachineCpuMsPerRequest")),
                n(write, "cpuMsPerCommand") <= 2.5 && n(write, "commandServiceCpuMsPerCommand") <= 1);
        row(t, "query service CPU ms per event", n(write, "queryServiceCpuMsPerEvent"), "<= 0.3", n(write, "queryServiceCpuMsPerEvent") <= 0.3);
        row(t, "projections caught up after the write step (s)", n(write, "recoverySeconds"), "", null);
        Map<String, Object> orders = write == null ? null : (Map<String, Object>) write.get("ordersOnly");
        row(t, "orders only: orders/s, 16 clients", n(orders, "commandsPerSec"), String.format("p99 %.0f ms", n(orders, "p99Ms")), null);
        row(t, "orders only: CPU ms per order, machine / command service", n(orders, "cpuMsPerCommand"),
                String.format("<= 2.5 / <= 1 (command service %.2f, %.2f until idle)", n(orders, "commandServiceCpuMsPerCommand"),
                        n(orders, "commandServiceCpuMsPerCommandUntilIdle")),
                n(orders, "cpuMsPerCommand") <= 2.5 && n(orders, "commandServiceCpuMsPerCommand") <= 1);
        row(t, "orders only: query service CPU ms per event", n(orders, "queryServiceCpuMsPerEvent"), "<= 0.3", n(orders, "queryServiceCpuMsPerEvent") <= 0.3);
        Map<String, Object> history = write == null ? null : (Map<String, Object>) write.get("withHistory");
        if (history != null) {
            row(t, "commands/s with a big store over an empty one", n(history, "ratioToEmptyStore"),
                    String.format(">= 0.85 (%,.0f events; table %,.0f MB, indexes %,.0f MB)", n(history, "eventsInStore"),
                            n(history, "eventTableMb"), n(history, "eventIndexesMb")), n(history, "ratioToEmptyStore") >= 0.85);
        }
        Map<String, Object> publishingOff = write == null ? null : (Map<String, Object>) write.get("publishingOff");
        Map<String, Object> publishing = (Map<String, Object>) f.get("publishing");
        if (publishingOff != null) {
            row(t, "commands/s with publishing to Kafka on / off (steps on, off, on)", n(write, "publishingOnToOff"),
                    String.format("on %,.0f and %,.0f, off %,.0f", n(write, "commandsPerSec"),
                            n((Map<String, Object>) write.get("publishingOnAgain"), "commandsPerSec"), n(publishingOff, "commandsPerSec")), null);
        }
        if (publishing != null) {
            row(t, "publishing lag p50 / p99 ms at 80% of the write step's rate", n(publishing, "lagP50Ms"),
                    String.format("p99 %.0f (%.0f commands/s, %.0f events)", n(publishing, "lagP99Ms"), n(publishing, "rate"), n(publishing, "events")), null);
        }
        Map<String, Object> checkout = (Map<String, Object>) f.get("checkout");
        row(t, "checkouts/s, 16 customers (basket, then checkout)", n(checkout, "checkoutsPerSec"),
                String.format("p50 / p99 %.0f / %.0f ms", n(checkout, "p50Ms"), n(checkout, "p99Ms")), null);
        row(t, "CPU ms per checkout, machine (basket, checkout, order, payment)", n(checkout, "cpuMsPerCheckout"),
                String.format("command service %.2f cores, query service %.2f", n(checkout, "commandServiceCores"), n(checkout, "queryServiceCores")), null);
        row(t, "command latency p50 / p99 ms", n(write, "p50Ms"), String.format("p99 %.1f", n(write, "p99Ms")), null);
        row(t, "all cores busy % during the write step / pgbench", n(write, "machineBusyPct"), String.format("pgbench %.0f", n(write, "pgbenchMachineBusyPct")), null);
        row(t, "rebuild events/s", n(rebuild, "eventsPerSec"), "", null);
        row(t, "Elasticsearch bulk documents/s", n(rebuild, "esDocsPerSec"), "", null);
        row(t, "rebuild ratio", n(rebuild, "ratio"), ">= 0.5", n(rebuild, "ratio") >= 0.5);
        row(t, "speed-up over batch size 1", n(rebuild, "speedupOverBatch1"), ">= 20", n(rebuild, "speedupOverBatch1") >= 20);
        row(t, "verify: aggregates checked/s (the rebuild's products)", n(verify, "aggregatesPerSec"),
                String.format("rebuild takes %.1fx as long", n(verify, "rebuildSecondsOverVerifySeconds")), null);
        row(t, "verify: differences found", n(verify, "differences"), "0", n(verify, "differences") == 0);
        row(t, "freshness p50 ms", n(freshness, "p50Ms"), "", null);
        row(t, "freshness p99 ms", n(freshness, "p99Ms"), "<= 2000", n(freshness, "p99Ms") <= 2000);
        row(t, "freshness p99 ms at 50% of the write step's rate", n(freshness, "p99MsAt50"),
                String.format("<= 1000 (%.0f commands/s)", n(freshness, "rateAt50")), n(freshness, "p99MsAt50") <= 1000);
        row(t, "freshness p99 ms at 80% of the write step's rate", n(freshness, "p99MsAt80"),
                String.format("<= 2000 (%.0f commands/s)", n(freshness, "rateAt80")), n(freshness, "p99MsAt80") <= 2000);
        row(t, "event age p99 ms when its batch is handled / indexed", n(freshness, "handledP99Ms"), String.format("indexed %.0f", n(freshness, "indexedP99Ms")), null);
        row(t, "search p99 ms service / direct", n(search, "serviceP99Ms"), String.format("direct %.1f", n(search, "directP99Ms")), null);
        row(t, "search p99 ratio", n(search, "p99Ratio"), "<= 1.5", n(search, "p99Ratio") <= 1.5);
        row(t, "search p99 over a bare match (floor ms)", n(search, "p99OverFloor"), String.format("<= 3 (floor %.1f)", n(search, "floorP99Ms")),
                n(search, "p99OverFloor") <= 3);
        row(t, "reads by id/s, 16 clients: through Redis / from Elasticsearch", n(throughRedis, "requestsPerSec"),
                String.format("from Elasticsearch %,.0f", n(fromIndex, "requestsPerSec")), null);
        row(t, "reads by id p99 ms: through Redis / from Elasticsearch", n(throughRedis, "p99Ms"),
                String.format("from Elasticsearch %.1f", n(fromIndex, "p99Ms")), n(throughRedis, "p99Ms") < n(fromIndex, "p99Ms"));
        row(t, "reads by id: cache hit ratio", n(reads, "hitRatio"), "", null);
        row(t, "reads by id: Elasticsearch cores through Redis / without", n(throughRedis, "elasticsearchCores"),
                String.format("without %.2f", n(fromIndex, "elasticsearchCores")), null);
        row(t, "rate limiter µs per request", n(reads, "rateLimiterMicrosPerRequest"), "", null);
        row(t, "command service max heap MB", n(footprint, "commandHeapMaxMb"), "<= " + (int) heapLimit, n(footprint, "commandHeapMaxMb") <= heapLimit);
        row(t, "query service max heap MB", n(footprint, "queryHeapMaxMb"), "<= " + (int) heapLimit, n(footprint, "queryHeapMaxMb") <= heapLimit);
        row(t, "command / query service max RSS MB", n(footprint, "commandRssMaxMb"), String.format("query %.0f", n(footprint, "queryRssMaxMb")), null);
        Map<String, Map<String, Object>> classes = search == null ? null : (Map<String, Map<String, Object>>) search.get("byClass");
        if (classes != null) {
            t.append("\n| search class | service requests/s | service p50 / p99 ms | direct p50 / p99 ms |\n|---|---|---|---|\n");
            classes.forEach((name, c) -> t.append(String.format("| %s | %.0f | %.1f / %.1f | %.1f / %.1f |%n", name,
                    n(c, "serviceRequestsPerSec"), n(c, "serviceP50Ms"), n(c, "serviceP99Ms"), n(c, "directP50Ms"), n(c, "directP99Ms"))));
        }
        return t.toString();
    }

    private static double n(Map<String, Object> section, String key) {
        Object value = section == null ? null : section.get(key);  // a phase left out (--phases)
        return value instanceof Number number ? number.doubleValue() : Double.NaN;
    }

    private static void row(StringBuilder table, String figure, double value, String target, Boolean met) {
        table.append("| ").append(figure).append(" | ").append((Double.isNaN(value) ? "-" : String.format(value >= 100 ? "%,.0f" : "%.2f", value))).append(" | ")
                .append(target).append(" | ").append(met == null ? "" : met ? "yes" : "NO").append(" |\n");
    }
}
