package io.emporium.support.concurrent;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads for the services' own background work: named, so that profiles and thread dumps tell them apart, and
 * daemons, so that they never keep a stopping JVM alive.
 */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    /** Every thread is called {@code name} (for single-thread executors). */
    public static ThreadFactory named(String name) {
        return r -> daemon(r, name);
    }

    /** {@code prefix-1}, {@code prefix-2}, … */
    public static ThreadFactory numbered(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return r -> daemon(r, prefix + "-" + counter.incrementAndGet());
    }

    private static Thread daemon(Runnable r, String name) {
        Thread thread = new Thread(r, name);
        thread.setDaemon(true);
        return thread;
    }
}
