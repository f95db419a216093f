package io.emporium.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.emporium.testsupport.ServiceProcess;

/** What the crash tests do to a service: {@code kill -9}, start it again, and note how long it was away. */
final class Kills {

    private Kills() {
    }

    /** Kills the process hard, starts it again and waits until it is healthy; the window it was away goes to {@code downtimes}. */
    static void killAndRestart(ServiceProcess service, List<Instant[]> downtimes) throws Exception {
        Instant down = Instant.now();
        service.killHard();
        service.restart();
        service.awaitHealthy(Duration.ofSeconds(120));
        downtimes.add(new Instant[] {down, Instant.now()});
    }

    /** How much of the time from {@code from} to {@code to} fell into the windows when a service was down. */
    static Duration downtimeWithin(List<Instant[]> downtimes, Instant from, Instant to) {
        Duration down = Duration.ZERO;
        for (Instant[] window : downtimes) {
            Instant start = window[0].isAfter(from) ? window[0] : from;
            Instant end = window[1].isBefore(to) ? window[1] : to;
            if (end.isAfter(start)) down = down.plus(Duration.between(start, end));
        }
        return down;
    }
}
