package io.zprof.benchmarks.overhead;

import io.zprof.api.config.ConfigProperties;
import io.zprof.core.Zprof;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/**
 * One child-JVM run of the overhead harness: a workload for a fixed time with zprof in one mode; prints
 * {@code RESULT key=value} lines.
 */
public final class OverheadRun {
    /** How zprof runs. */
    enum Mode {
        /** zprof not created. */
        OFF,
        /** zprof with default settings and every rule enabled at thresholds that are not crossed. */
        ON,
        /** as ON, plus the continuous pre-trigger JFR window. */
        WINDOW
    }

    private OverheadRun() {
    }

    /** @param args workload, mode, seconds, dump directory */
    public static void main(String[] args) throws Exception {
        Workload w = Workload.valueOf(args[0]);
        Mode mode = Mode.valueOf(args[1]);
        int seconds = Integer.parseInt(args[2]);
        Path dumps = Path.of(args[3]);
        System.gc();
        long heapBefore = usedHeapAfterGc();
        Zprof zprof = null;
        if (mode != Mode.OFF) {
            zprof = Zprof.builder().properties(ConfigProperties.of(Map.of("zprof.dump.path", dumps.resolve("d").toString())))
                    .configure(c -> c
                            // production-like: the default 5 s interval, every rule on, nothing crossed
                            .cpu(r -> r.enabled(true).min(99).abs(100))
                            .memory(r -> r.enabled(true).min(99).abs(100))
                            .threads(r -> r.enabled(true).min(50_000))
                            .osThreads(r -> r.enabled(true).min(50_000))
                            .dump(d -> d.window(win -> win.enabled(mode == Mode.WINDOW))))
                    .build();
            zprof.start();
            // a service runs for days: measure zprof's steady state, not the first interpreted cycles
            for (int i = 0; i < 5000; i++) {
                zprof.sampleNow();
            }
        }
        long heapWithZprof = usedHeapAfterGc();
        // warm up the JIT before measuring
        long sink = run(w, Duration.ofSeconds(Math.max(3, seconds / 5)), null);
        long[] lat = new long[4_000_000];
        ThreadMXBean tm = ManagementFactory.getThreadMXBean();
        long cycles0 = cycles(zprof);
        long zprofCpu0 = threadCpu(tm, "zprof-");
        long jfrCpu0 = threadCpu(tm, "JFR");
        long t0 = System.nanoTime();
        long[] count = new long[1];
        sink += runTimed(w, Duration.ofSeconds(seconds), lat, count);
        long elapsed = System.nanoTime() - t0;
        long zprofCpu = threadCpu(tm, "zprof-") - zprofCpu0;
        long cycles = cycles(zprof) - cycles0;
        long jfrCpu = threadCpu(tm, "JFR") - jfrCpu0;
        long[] sorted = Arrays.copyOf(lat, (int) Math.min(count[0], lat.length));
        Arrays.sort(sorted);
        double minutes = elapsed / 60e9;
        System.out.println("RESULT opsPerSec=" + count[0] / (elapsed / 1e9));
        System.out.println("RESULT p99Micros=" + sorted[(int) (sorted.length * 0.99)] / 1000.0);
        System.out.println("RESULT zprofCpuMsPerMin=" + zprofCpu / 1e6 / minutes);
        System.out.println("RESULT jfrCpuMsPerMin=" + jfrCpu / 1e6 / minutes);
        if (cycles > 0) {
            System.out.println("RESULT zprofCpuMicrosPerCycle=" + zprofCpu / 1e3 / cycles);
        }
        System.out.println("RESULT retainedKiB=" + Math.max(0, heapWithZprof - heapBefore) / 1024.0);
        System.out.println("RESULT sink=" + (sink & 1));
        if (zprof != null) {
            zprof.stop();
        }
    }

    private static long run(Workload w, Duration d, long[] ignored) {
        long end = System.nanoTime() + d.toNanos();
        long sink = 0;
        long i = 0;
        while (System.nanoTime() < end) {
            sink += w.op(i++);
        }
        return sink;
    }

    /** Counts every op; latencies are kept for the first {@code lat.length} (enough for a p99). */
    private static long runTimed(Workload w, Duration d, long[] lat, long[] count) {
        long end = System.nanoTime() + d.toNanos();
        long sink = 0;
        long n = 0;
        long now = System.nanoTime();
        while (now < end) {
            sink += w.op(n);
            long after = System.nanoTime();
            if (n < lat.length) {
                lat[(int) n] = after - now;
            }
            n++;
            now = after;
        }
        count[0] = n;
        return sink;
    }

    private static long cycles(Zprof zprof) {
        return zprof == null ? 0 : zprof.status().counters().get("cycles");
    }

    private static long threadCpu(ThreadMXBean tm, String prefix) {
        long total = 0;
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            if (e.getKey().getName().startsWith(prefix)) {
                long c = tm.getThreadCpuTime(e.getKey().getId());
                total += Math.max(0, c);
            }
        }
        return total;
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
