package io.zprof.benchmarks.overhead;

import io.zprof.core.Zprof;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Locale;

/**
 * CPU time of one sampling cycle run cold: {@code sampleNow()} on this thread after a sleep, so caches and TLBs hold
 * other data, as they do when the sampler wakes every 5 s. Prints the cycle with its sleep and the sleep alone;
 * the difference is the cycle. Run it under {@code -Xint} for the cycle as a service runs it in its first minutes
 * (the JIT has not compiled it yet), or {@code -XX:TieredStopAtLevel=1} for C1.
 *
 * <p>Run: {@code benchmarks/overhead-lab/run [-Xint] ColdCycle
 * [cycles] [sleep millis]}
 */
public final class ColdCycle {
    private ColdCycle() {
    }

    /** @param args cycles per round (default 150), sleep between cycles in milliseconds (default 40) */
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 150;
        long sleep = args.length > 1 ? Long.parseLong(args[1]) : 40;
        Zprof zprof = OverheadRun.productionLike(Files.createTempDirectory("zprof-cold"), false);
        // the sampler thread stays parked: this thread runs every cycle
        zprof.update(c -> c.collectInterval(Duration.ofHours(1)));
        zprof.start();
        ThreadMXBean tm = ManagementFactory.getThreadMXBean();
        for (int round = 1; round <= 3; round++) {
            long t0 = tm.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                Thread.sleep(sleep);
                zprof.sampleNow();
            }
            long withCycle = tm.getCurrentThreadCpuTime() - t0;
            t0 = tm.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                Thread.sleep(sleep);
            }
            long sleepOnly = tm.getCurrentThreadCpuTime() - t0;
            System.out.printf(Locale.ROOT, "round %d: sleep + cycle %.1f µs, sleep alone %.1f µs, cycle %.1f µs%n", round,
                    withCycle / 1e3 / n, sleepOnly / 1e3 / n, (withCycle - sleepOnly) / 1e3 / n);
        }
        zprof.stop();
    }
}
