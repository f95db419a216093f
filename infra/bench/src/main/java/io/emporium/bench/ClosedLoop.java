package io.emporium.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Clients that each send a request, wait for its answer and send the next, for a fixed time; progress once a
 * second. Latencies of successful answers; failures counted apart.
 */
final class ClosedLoop {

    record Outcome(Latencies latencies, long failed, int seconds) {
        double perSecond() {
            return latencies.count() / (double) seconds;
        }
    }

    private ClosedLoop() {
    }

    static Outcome run(String step, int clients, int seconds, long seed, Function<Random, Http.Answer> request) throws InterruptedException {
        Latencies latencies = new Latencies();
        AtomicLong failed = new AtomicLong();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Random random = new Random(seed * 31 + c);
            Thread thread = new Thread(() -> {
                while (System.nanoTime() < deadline) {
                    Http.Answer answer = request.apply(random);
                    if (answer.ok()) latencies.add(answer.nanos()); else failed.incrementAndGet();
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
        return new Outcome(latencies, failed.get(), seconds);
    }
}
