package io.emporium.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * {@code bench}: every phase of the benchmark against a running stack, a table at the end and the same figures in
 * a JSON file. {@code tracing-step} and {@code tracing-report}: what tracing costs ({@link TracingCost}). {@code demo}:
 * a demo catalogue through the command API. Options are {@code --name value};
 * infra/emporium passes them.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) throw new IllegalArgumentException("usage: bench|demo --option value ...");
        Map<String, String> o = options(args);
        if (args[0].equals("demo")) {
            demo(o);
        } else if (args[0].equals("tracing-step")) {
            TracingCost.step(o);
        } else if (args[0].equals("tracing-report")) {
            TracingCost.report(o);
        } else {
            Map<String, Object> figures = bench(o);
            Path out = Path.of(o.getOrDefault("out", ".emporium/bench/latest.json"));
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, Http.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(figures));
            System.out.println(Report.table(figures));
            System.out.println("Figures written to " + out);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> bench(Map<String, String> o) throws Exception {
        boolean quick = Boolean.parseBoolean(o.getOrDefault("quick", "false"));
        long seed = Long.parseLong(o.getOrDefault("seed", "42"));
        String commandUrl = o.get("command-url");
        String queryUrl = o.get("query-url");
        String esUrl = o.get("es-url");
        Elasticsearch elasticsearch = Elasticsearch.of(esUrl, blankToNull(o.get("es-api-key")), blankToNull(o.get("es-username")),
                o.get("es-password"), blankToNull(o.get("es-ca-file")));
        Http client = new Http(o.get("client-token"));
        Http admin = new Http(o.get("admin-token"));
        int seconds = Integer.parseInt(o.getOrDefault("seconds", quick ? "5" : "60"));
        String runTag = "b" + Long.toString(System.currentTimeMillis() / 1000 % 1_000_000, 36);
        // all phases by default; a subset (--phases freshness,search) helps while tuning one of them
        Set<String> phases = Set.of(o.getOrDefault("phases", "write,checkout,freshness,rebuild,search,reads").split(","));

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("startedAt", Instant.now().toString());
        figures.put("quick", quick);
        figures.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(), "memoryMb", memoryMb()));
        Long commandPid = pid(o, "command-pid");
        Long queryPid = pid(o, "query-pid");
        double saturation = Double.NaN; // commands/s the write step reached: the freshness step's 50% and 80% are of it
        try (Footprint footprint = new Footprint(admin, commandUrl, commandPid, queryUrl, queryPid)) {
            if (o.get("kafka-bootstrap") != null) PublishingLag.deleteTopics(o.get("kafka-bootstrap"), List.of(o.get("kafka-topics").split(",")));
            Catalogue.declareAttributes(client, commandUrl);
            WritePhase write = new WritePhase(client, commandUrl, seed, runTag);
            write.seed(quick ? 40 : 500);
            if (phases.contains("write")) {
                System.out.println("1. Write path");
                Map<String, Object> writeFigures = measureWrite(o, write, WritePhase.Mix.MIXED, admin, queryUrl, commandPid, queryPid, seconds);
                CpuUse beforePgbench = CpuUse.now(null, null);
                double pgInserts = PgBaseline.insertsPerSecond(o.get("db-host"), Integer.parseInt(o.get("db-port")), o.get("pg-database"),
                        o.get("pg-user"), o.get("pg-password"), 16, Math.max(5, seconds / 2));
                CpuUse.Use pgbenchCpu = beforePgbench.untilNow();
                Progress.done("pgbench", String.format("%,.0f inserts/s", pgInserts));
                saturation = (double) writeFigures.get("commandsPerSec");
                writeFigures.put("ratio", saturation / pgInserts);
                writeFigures.put("pgInsertsPerSec", pgInserts);
                writeFigures.put("pgbenchMachineBusyPct", pgbenchCpu.machineBusyPct());
                figures.put("write", writeFigures);
                if (o.get("floor-url") != null) {
                    FloorPhase.Result floor = new FloorPhase(client, o.get("floor-url"), pid(o, "floor-pid"), seed).run(16, seconds);
                    writeFigures.put("floorRequestsPerSec", floor.requestsPerSec());
                    writeFigures.put("floorRatio", saturation / floor.requestsPerSec());
                    writeFigures.put("floorP50Ms", floor.p50Ms());
                    writeFigures.put("floorP99Ms", floor.p99Ms());
                    writeFigures.put("floorFailed", floor.failed());
                    writeFigures.put("floorCpuMsPerRequest", floor.floorCores() * 1000 / floor.requestsPerSec());
                    writeFigures.put("floorMachineCpuMsPerRequest", floor.machineBusyPct() / 100 * Runtime.getRuntime().availableProcessors() * 1000 / floor.requestsPerSec());
                }
                if (o.get("kafka-bootstrap") != null) {
                    // the same step with publishing paused (the events wait in the store), then caught up, then on again:
                    // on, off, on, so that a service that got faster along the run favours neither
                    admin.post(commandUrl + "/admin/publishing/pause", "").orFail("pausing publishing");
                    Map<String, Object> off = measureWrite(o, write, WritePhase.Mix.MIXED, admin, queryUrl, commandPid, queryPid, seconds);
                    admin.post(commandUrl + "/admin/publishing/resume", "").orFail("resuming publishing");
                    double backlogSeconds = awaitPublished(admin, commandUrl, 300);
                    Map<String, Object> onAgain = measureWrite(o, write, WritePhase.Mix.MIXED, admin, queryUrl, commandPid, queryPid, seconds);
                    awaitPublished(admin, commandUrl, 300);
                    double on = (saturation + (double) onAgain.get("commandsPerSec")) / 2;
                    writeFigures.put("publishingOff", map("commandsPerSec", off.get("commandsPerSec"), "p50Ms", off.get("p50Ms"),
                            "p99Ms", off.get("p99Ms"), "cpuMsPerCommand", off.get("cpuMsPerCommand"), "backlogPublishedSeconds", backlogSeconds));
                    writeFigures.put("publishingOnAgain", map("commandsPerSec", onAgain.get("commandsPerSec"), "p50Ms", onAgain.get("p50Ms"),
                            "p99Ms", onAgain.get("p99Ms"), "cpuMsPerCommand", onAgain.get("cpuMsPerCommand")));
                    writeFigures.put("publishingOnToOff", on / (double) off.get("commandsPerSec"));
                }
                // an order is the costliest command: a saga, one to three reservations, a confirmation or a rejection
                writeFigures.put("ordersOnly", measureWrite(o, write, WritePhase.Mix.ORDERS, admin, queryUrl, commandPid, queryPid, seconds));
                long history = Long.parseLong(o.getOrDefault("events-in-store", "0"));
                if (history > 0) writeFigures.put("withHistory", withHistory(o, history, seed, saturation, write, admin, queryUrl, commandPid, queryPid, seconds));
            }

            if (phases.contains("checkout") && o.get("customer-tokens") != null) {
                System.out.println("1b. Checkout");
                List<Http> customers = java.util.Arrays.stream(o.get("customer-tokens").split(",")).map(Http::new).toList();
                CpuUse before = CpuUse.now(commandPid, queryPid);
                CheckoutPhase.Result checkout = new CheckoutPhase(customers, queryUrl, write.products()).run(seconds, seed);
                CpuUse.Use during = before.untilNow();
                Lag.awaitCaughtUp(admin, queryUrl, 300);
                CpuUse.awaitIdle(commandPid, queryPid, 180);
                int cores = Runtime.getRuntime().availableProcessors();
                figures.put("checkout", map("checkoutsPerSec", checkout.checkoutsPerSec(), "p50Ms", checkout.p50Ms(), "p99Ms", checkout.p99Ms(),
                        "failed", checkout.failed(), "failedByStatus", checkout.failures(), "clients", customers.size(), "seconds", seconds, "machineBusyPct", during.machineBusyPct(),
                        "commandServiceCores", during.commandServiceCores(), "queryServiceCores", during.queryServiceCores(),
                        "cpuMsPerCheckout", during.machineBusyPct() / 100 * cores * 1000 / checkout.checkoutsPerSec()));
            }

            if (phases.contains("freshness")) {
                System.out.println("2. Freshness");
                int rate = Integer.parseInt(o.getOrDefault("freshness-rate", quick ? "50" : "200"));
                FreshnessPhase.Result freshness = new FreshnessPhase(client, admin, commandUrl, queryUrl)
                        .run(write.products(), rate, quick ? 1 : 10, seconds, Math.max(1, rate / 2), seed);
                figures.put("freshness", map("p50Ms", freshness.p50Ms(), "p99Ms", freshness.p99Ms(), "sampled", freshness.sampled(),
                        "lost", freshness.lost(), "commandsPerSec", freshness.commandsPerSec(),
                        "handledP50Ms", freshness.handledP50Ms(), "handledP99Ms", freshness.handledP99Ms(),
                        "indexedP50Ms", freshness.indexedP50Ms(), "indexedP99Ms", freshness.indexedP99Ms(),
                        "pollSearchP50Ms", freshness.pollP50Ms(), "pollSearchP99Ms", freshness.pollP99Ms()));
                // the same at a half and four fifths of what the write step of this run reached: a fixed rate measures
                // nothing on a fast machine and an overload on a slow one
                if (!Double.isNaN(saturation)) {
                    Map<String, Object> freshnessFigures = (Map<String, Object>) figures.get("freshness");
                    for (int percent : new int[] {50, 80}) {
                        Lag.awaitCaughtUp(admin, queryUrl, 300); // from the backlog an overloaded run left, not into it
                        int atRate = Math.max(1, (int) Math.round(saturation * percent / 100));
                        // at 80%: the publishing lag too, as a consumer of the topics sees it
                        PublishingLag lag = percent == 80 && o.get("kafka-bootstrap") != null
                                ? new PublishingLag(o.get("kafka-bootstrap"), List.of(o.get("kafka-topics").split(","))) : null;
                        FreshnessPhase.Result at = new FreshnessPhase(client, admin, commandUrl, queryUrl)
                                .run(write.products(), atRate, quick ? 1 : 10, seconds, Math.max(1, atRate / 2), seed + percent);
                        if (lag != null) {
                            PublishingLag.Result published = lag.stop(java.time.Duration.ofSeconds(5));
                            figures.put("publishing", map("rate", atRate, "lagP50Ms", published.p50Ms(), "lagP99Ms", published.p99Ms(),
                                    "events", published.events(), "timestamps", published.timestampType()));
                            Progress.done("publishing lag", String.format("p50 %.0f ms, p99 %.0f ms over %,d events", published.p50Ms(),
                                    published.p99Ms(), published.events()));
                        }
                        freshnessFigures.put("rateAt" + percent, atRate);
                        freshnessFigures.put("p50MsAt" + percent, at.p50Ms());
                        freshnessFigures.put("p99MsAt" + percent, at.p99Ms());
                        freshnessFigures.put("lostAt" + percent, at.lost());
                    }
                }
            }

            if (phases.contains("rebuild")) {
                System.out.println("3. Rebuild");
                int products = Integer.parseInt(o.getOrDefault("rebuild-products", quick ? "5000" : "100000"));
                int eventsPerProduct = Integer.parseInt(o.getOrDefault("rebuild-events-per-product", "10"));
                EventLoader.load(o.get("command-jdbc-url"), o.get("command-db-user"), o.get("command-db-password"), products, eventsPerProduct, seed);
                RebuildPhase.Result rebuild = new RebuildPhase(admin, queryUrl, elasticsearch, pid(o, "es-pid"), queryPid)
                        .run(Integer.parseInt(o.getOrDefault("baseline-events", quick ? "2000" : "20000")), 1000);
                figures.put("rebuild", map("ratio", rebuild.eventsPerSec() / rebuild.esDocsPerSec(), "eventsPerSec", rebuild.eventsPerSec(),
                        "esDocsPerSec", rebuild.esDocsPerSec(), "speedupOverBatch1", rebuild.speedup(), "batch1EventsPerSec", rebuild.batchOneEventsPerSec(),
                        "events", rebuild.events(), "seconds", rebuild.seconds(), "loadedEvents", (long) products * eventsPerProduct,
                        "stretches", rebuild.stretches()));
                // the read model against the event store, over the products the rebuild just projected
                JsonNode verify = admin.post(queryUrl + "/admin/projections/products/verify", null, Duration.ofHours(1)).orFail("verify").json();
                double verifySeconds = verify.get("millis").asLong() / 1000.0;
                long checked = verify.get("aggregatesChecked").asLong();
                Progress.done("verify", String.format("%,d aggregates in %.1f s", checked, verifySeconds));
                figures.put("verify", map("aggregates", checked, "seconds", verifySeconds, "aggregatesPerSec", checked / verifySeconds,
                        "differences", verify.get("missing").asLong() + verify.get("stale").asLong() + verify.get("wrong").asLong()
                                + verify.get("extra").asLong(), "rebuildSecondsOverVerifySeconds", rebuild.seconds() / verifySeconds));
            }

            if (phases.contains("search")) {
                System.out.println("4. Search");
                SearchPhase.Result search = new SearchPhase(admin, queryUrl, elasticsearch).run(8, seconds, o.getOrDefault("index-prefix", "") + "products", seed);
                figures.put("search", map("p99Ratio", search.p99Ratio(), "serviceP99Ms", search.service().p99Ms(), "directP99Ms", search.direct().p99Ms(),
                        "serviceP50Ms", search.service().p50Ms(), "directP50Ms", search.direct().p50Ms(),
                        "serviceRequestsPerSec", search.service().requestsPerSec(), "directRequestsPerSec", search.direct().requestsPerSec(),
                        "failed", search.service().failed() + search.direct().failed(),
                        "floorP99Ms", search.floor().p99Ms(), "p99OverFloor", search.p99OverFloor(), "byClass", byClass(search)));
            }

            if (phases.contains("reads")) {
                System.out.println("5. Reads by id");
                int readProducts = Integer.parseInt(o.getOrDefault("reads-products", quick ? "1000" : "10000"));
                ReadsPhase reading = new ReadsPhase(admin, queryUrl, elasticsearch, pid(o, "es-pid"), queryPid);
                String alias = o.getOrDefault("index-prefix", "") + "products";
                // without the rebuild step's catalogue (--phases reads): products enough, straight into the event store
                reading.ensureProducts(alias, readProducts, missing -> EventLoader.load(o.get("command-jdbc-url"), o.get("command-db-user"),
                        o.get("command-db-password"), missing, 1, seed + 1));
                ReadsPhase.Result reads = reading.run(alias, readProducts, 16, seconds, seed);
                figures.put("reads", map("products", reads.products(), "clients", 16, "hitRatio", reads.hitRatio(),
                        "rateLimiterMicrosPerRequest", reads.limiterMicros(), "rateLimiterBuckets", reads.limiterBuckets(),
                        "fromElasticsearch", side(reads.fromIndex()), "throughRedis", side(reads.cached()),
                        "p99CachedOverElasticsearch", reads.cached().p99Ms() / reads.fromIndex().p99Ms()));
            }

            figures.put("footprint", map("commandHeapMaxMb", footprint.command.maxHeapMb, "queryHeapMaxMb", footprint.query.maxHeapMb,
                    "commandRssMaxMb", footprint.command.maxRssMb, "queryRssMaxMb", footprint.query.maxRssMb,
                    "heapLimitMb", Integer.parseInt(o.getOrDefault("heap-limit-mb", "512"))));
        }
        return figures;
    }

    /**
     * One write step at 16 clients and what it cost: commands/s, latencies, CPU per command (machine and command
     * service, over the step) and per event in the query service (until its projections caught up), then waits until
     * both services are idle again.
     */
    static Map<String, Object> measureWrite(Map<String, String> o, WritePhase write, WritePhase.Mix mix, Http admin, String queryUrl,
                                                    Long commandPid, Long queryPid, int seconds) throws InterruptedException {
        CpuUse before = CpuUse.now(commandPid, queryPid);
        long eventsBefore = EventStoreHead.of(o);
        WritePhase.Result commands = write.run(16, seconds, mix);
        CpuUse.Use during = before.untilNow();
        long events = EventStoreHead.of(o) - eventsBefore;
        // after a minute at saturation: how long the read model takes to catch up, and what its events cost
        double recoverySeconds = Lag.awaitCaughtUp(admin, queryUrl, 300);
        Progress.done("catching up", String.format("the projections caught up %.1f s after the last answer", recoverySeconds));
        CpuUse.Use untilCaughtUp = before.untilNow();
        double settleSeconds = CpuUse.awaitIdle(commandPid, queryPid, 180);
        CpuUse.Use untilSettled = before.untilNow();
        Progress.done("settling", String.format("the services were idle %.0f s after the last answer", settleSeconds));
        double perSec = commands.commandsPerSec();
        int cores = Runtime.getRuntime().availableProcessors();
        return map("commandsPerSec", perSec, "p50Ms", commands.p50Ms(), "p99Ms", commands.p99Ms(), "failed", commands.failed(),
                "clients", 16, "seconds", seconds, "machineBusyPct", during.machineBusyPct(),
                "commandServiceCores", during.commandServiceCores(), "queryServiceCores", during.queryServiceCores(),
                "settleSeconds", settleSeconds, "events", events, "recoverySeconds", recoverySeconds,
                "cpuMsPerCommand", during.machineBusyPct() / 100 * cores * 1000 / perSec,
                "commandServiceCpuMsPerCommand", during.commandServiceCores() * 1000 / perSec,
                // with what the command service still did after the step (the order saga's backlog)
                "commandServiceCpuMsPerCommandUntilIdle", untilSettled.commandServiceCores() * (seconds + settleSeconds) * 1000 / (perSec * seconds),
                "queryServiceCpuMsPerEvent", events == 0 ? Double.NaN : untilCaughtUp.queryServiceCores() * (seconds + recoverySeconds) * 1000 / events);
    }

    /** Waits until publishing has sent every stored event (behind 0, per the command service's admin API); seconds it took. */
    private static double awaitPublished(Http admin, String commandUrl, int maxSeconds) throws InterruptedException {
        long start = System.nanoTime();
        while ((System.nanoTime() - start) / 1e9 < maxSeconds) {
            long behind = admin.get(commandUrl + "/admin/publishing").orFail("publishing").json().path("behind").asLong(-1);
            if (behind == 0) break;
            Progress.show("publishing the backlog", (long) ((System.nanoTime() - start) / 1e9), maxSeconds, String.format("s  %,d events behind", behind));
            Thread.sleep(200);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** The mixed write step again once the event table holds {@code history} more events: indexes, not scans. */
    private static Map<String, Object> withHistory(Map<String, String> o, long history, long seed, double emptyStoreRate, WritePhase write,
                                                   Http admin, String queryUrl, Long commandPid, Long queryPid, int seconds) throws Exception {
        long start = System.nanoTime();
        HistoryLoader.load(o.get("command-jdbc-url"), o.get("command-db-user"), o.get("command-db-password"), history, seed);
        double loadSeconds = (System.nanoTime() - start) / 1e9;
        // every processor passes over the history once before the clock runs again
        double passSeconds = Lag.awaitCaughtUp(admin, queryUrl, 3600);
        CpuUse.awaitIdle(commandPid, queryPid, 1800);
        HistoryLoader.Sizes sizes = HistoryLoader.sizes(o.get("command-jdbc-url"), o.get("command-db-user"), o.get("command-db-password"));
        Map<String, Object> figures = measureWrite(o, write, WritePhase.Mix.MIXED, admin, queryUrl, commandPid, queryPid, seconds);
        figures.put("eventsInStore", sizes.events());
        figures.put("eventTableMb", sizes.tableMb());
        figures.put("eventIndexesMb", sizes.indexesMb());
        figures.put("loadSeconds", loadSeconds);
        figures.put("projectionsPassSeconds", passSeconds);
        figures.put("ratioToEmptyStore", (double) figures.get("commandsPerSec") / emptyStoreRate);
        return figures;
    }

    static void demo(Map<String, String> o) {
        int count = Integer.parseInt(o.getOrDefault("products", "500"));
        Http client = new Http(o.get("client-token"));
        Catalogue.declareAttributes(client, o.get("command-url"));
        Catalogue catalogue = new Catalogue(Long.parseLong(o.getOrDefault("seed", "7")));
        int created = 0;
        for (int i = 1; i <= count; i++) {
            Catalogue.Product product = catalogue.product(i);
            Http.Answer answer = client.post(o.get("command-url") + "/api/products", product.json());
            if (answer.ok()) created++;
            else if (answer.status() != 409) throw new IllegalStateException("create failed: " + answer.status() + " " + answer.body());
            if (i % 10 == 0 || i == count) Progress.show("demo", i, count, "products");
        }
        Progress.done("demo", created + " products created (" + (count - created) + " were there already)");
    }

    private static Map<String, Object> side(ReadsPhase.Side side) {
        return map("requestsPerSec", side.requestsPerSec(), "p50Ms", side.p50Ms(), "p99Ms", side.p99Ms(), "failed", side.failed(),
                "elasticsearchCores", side.elasticsearchCores(), "queryServiceCores", side.queryServiceCores());
    }

    private static Map<String, Object> byClass(SearchPhase.Result search) {
        Map<String, Object> classes = new LinkedHashMap<>();
        search.byClass().forEach((name, sides) -> classes.put(name, map(
                "serviceRequestsPerSec", sides[0].requestsPerSec(), "serviceP50Ms", sides[0].p50Ms(), "serviceP99Ms", sides[0].p99Ms(),
                "directRequestsPerSec", sides[1].requestsPerSec(), "directP50Ms", sides[1].p50Ms(), "directP99Ms", sides[1].p99Ms(),
                "failed", sides[0].failed() + sides[1].failed())));
        return classes;
    }

    private static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) map.put((String) keyValues[i], keyValues[i + 1]);
        return map;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--")) throw new IllegalArgumentException("not an option: " + args[i]);
            String name = args[i].substring(2);
            if (i + 1 < args.length && !args[i + 1].startsWith("--")) options.put(name, args[++i]);
            else options.put(name, "true");
        }
        return options;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static Long pid(Map<String, String> o, String name) {
        String value = o.get(name);
        return value == null || value.isBlank() ? null : Long.parseLong(value.trim());
    }

    private static long memoryMb() {
        try {
            String total = Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("[^0-9]", "");
            return Long.parseLong(total) / 1024;
        } catch (Exception e) {
            return -1;
        }
    }
}
