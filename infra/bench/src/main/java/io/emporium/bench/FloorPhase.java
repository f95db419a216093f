package io.emporium.bench;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The floor (see {@code floor.FloorApplication}): the same clients, token and create bodies as the write step, sent to
 * the web stack alone answering one JDBC insert. Requests/s, latencies, and the CPU the floor process used.
 */
final class FloorPhase {

    record Result(double requestsPerSec, double p50Ms, double p99Ms, long failed, double floorCores, double machineBusyPct) {
    }

    private final Http client;
    private final String floorUrl;
    private final Long floorPid;
    private final long seed;

    FloorPhase(Http client, String floorUrl, Long floorPid, long seed) {
        this.client = client;
        this.floorUrl = floorUrl;
        this.floorPid = floorPid;
        this.seed = seed;
    }

    Result run(int clients, int seconds) throws InterruptedException {
        AtomicInteger numbers = new AtomicInteger(1_000_000);
        ThreadLocal<Catalogue> catalogues = ThreadLocal.withInitial(() -> new Catalogue(seed * 31 + Thread.currentThread().getId()));
        // a short warm-up first, as the services have had theirs before the write step
        ClosedLoop.run("floor warm-up", clients, Math.max(2, seconds / 6), seed,
                random -> client.post(floorUrl + "/floor/products", catalogues.get().product(numbers.incrementAndGet()).json()));
        CpuUse before = CpuUse.now(floorPid, null);
        ClosedLoop.Outcome outcome = ClosedLoop.run("floor", clients, seconds, seed,
                random -> client.post(floorUrl + "/floor/products", catalogues.get().product(numbers.incrementAndGet()).json()));
        CpuUse.Use use = before.untilNow();
        Latencies latencies = outcome.latencies();
        Result result = new Result(outcome.perSecond(), latencies.percentileMillis(50), latencies.percentileMillis(99), outcome.failed(),
                use.commandServiceCores(), use.machineBusyPct());
        Progress.done("floor", String.format("%,.0f requests/s, p50 %.1f ms, p99 %.1f ms; the floor used %.2f cores",
                result.requestsPerSec(), result.p50Ms(), result.p99Ms(), result.floorCores()));
        return result;
    }
}
