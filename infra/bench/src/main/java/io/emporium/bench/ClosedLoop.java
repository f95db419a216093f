package io.emporium.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Clients that each send a request, wait for its answer and send the next, for a fixed time; progress once a
 * second. Latencies of successful answers; failures counted apart.
 */
final class ClosedLoop {

    /** @param failures per status of the failed answers: how many, and the first answer's body (what went wrong) */
    record Outcome(Latencies latencies, long failed, Map<Integer, Failures> failures, int seconds) {
        double perSecond() {
            return latencies.count() / (double) seconds;
        }
    }

    record Failures(long count, String first) {
    }

    private ClosedLoop() {
    }

    static Outcome run(String step, int clients, int seconds, long seed, Function<Random, Http.Answer> request) throws InterruptedException {
        Latencies latencies = new Latencies();
        AtomicLong failed = new AtomicLong();
        Map<Integer, Failures> failures = new ConcurrentHashMap<>();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Random random = new Random(seed * 31 + c);
            Thread thread = new Thread(() -> {
                while (System.nanoTime() < deadline) {
                    Http.Answer answer = request.apply(random);
                    if (answer.ok()) {
                        latencies.add(answer.nanos());
                    } else {
                        failed.incrementAndGet();
                        failures.merge(answer.status(), new Failures(1, abbreviated(answer.body())),
                                (known, more) -> new Failures(known.count() + 1, known.first()));
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        long start = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Thread.sleep(1000);
            Progress.show(step, (System.nanoTime() - start) / 1_000_000_000L, seconds, String.format("s  %,d requests", latencies.count()));
        }
        for (Thread thread : threads) thread.join();
        return new Outcome(latencies, failed.get(), new TreeMap<>(failures), seconds);
    }

    private static String abbreviated(String body) {
        return body == null || body.length() <= 300 ? body : body.substring(0, 300);
    }
}
