package io.emporium.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the machine's CPU went during a step, from /proc: how busy all cores were, and how many cores each service
 * used. It tells a step that is bound by CPU (every process shares the same cores) from one that waits.
 */
final class CpuUse {

    static final long TICKS_PER_SECOND = 100;  // USER_HZ, 100 on Linux

    private final long busy;
    private final long total;
    private final long command;
    private final long query;
    private final long nanos = System.nanoTime();
    private final Long commandPid;
    private final Long queryPid;

    private CpuUse(Long commandPid, Long queryPid) {
        long[] machine = machineTicks();
        this.busy = machine[0];
        this.total = machine[1];
        this.commandPid = commandPid;
        this.queryPid = queryPid;
        this.command = processTicks(commandPid);
        this.query = processTicks(queryPid);
    }

    static CpuUse now(Long commandPid, Long queryPid) {
        return new CpuUse(commandPid, queryPid);
    }

    /** machineBusyPct: share of all cores in use; *Cores: cores each service used on average. */
    record Use(double machineBusyPct, double commandServiceCores, double queryServiceCores) {
    }

    Use untilNow() {
        CpuUse after = now(commandPid, queryPid);
        double seconds = (after.nanos - nanos) / 1e9;
        double totalTicks = after.total - total;
        return new Use(totalTicks > 0 ? 100.0 * (after.busy - busy) / totalTicks : Double.NaN,
                (after.command - command) / (TICKS_PER_SECOND * seconds),
                (after.query - query) / (TICKS_PER_SECOND * seconds));
    }

    /**
     * Waits until both services are idle (under a tenth of a core for a second), at most {@code maxSeconds}: after
     * the write step the order saga and the projections still work off what the commands left them, and pgbench must
     * not share the machine with that. Answers the seconds it took.
     */
    static double awaitIdle(Long commandPid, Long queryPid, int maxSeconds) throws InterruptedException {
        long start = System.nanoTime();
        while ((System.nanoTime() - start) / 1e9 < maxSeconds) {
            CpuUse before = now(commandPid, queryPid);
            Thread.sleep(1000);
            Use use = before.untilNow();
            if (use.commandServiceCores() < 0.1 && use.queryServiceCores() < 0.1) break;
            Progress.show("settling", (long) ((System.nanoTime() - start) / 1e9), maxSeconds,
                    String.format("s  services still busy: %.1f + %.1f cores", use.commandServiceCores(), use.queryServiceCores()));
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** {busy, total} jiffies of all cores; zeros where there is no /proc */
    static long[] machineTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length && i <= 8; i++) total += Long.parseLong(f[i]);
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    /** CPU time of a process in ticks of 1/100 s (0 without /proc or pid). */
    static long processTicks(Long pid) {
        if (pid == null) return 0;
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
