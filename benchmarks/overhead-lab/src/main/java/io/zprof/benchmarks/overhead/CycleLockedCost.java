package io.zprof.benchmarks.overhead;

import io.zprof.core.Zprof;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * What one sampling cycle costs the application's throughput, measured where the cost can only be: around the
 * cycle. Without the pre-trigger window, zprof does nothing between cycles (one thread parked until the next
 * deadline), so whatever it takes from a workload (CPU, caches, memory bandwidth, the wake-up) is taken in the
 * moments after a cycle starts.
 *
 * <p>The workload runs without pause on its own thread and stamps the time every {@code stride} ops (~0.5 ms
 * apart). zprof runs with every rule on, as {@link OverheadRun#productionLike} sets it, compiled by C2 as in a
 * long-running service; its own loop is set to a one-hour interval and this class runs the cycles instead
 * ({@code sampleNow()} on a thread parked until each deadline, as the sampler loop does), so the start of every
 * cycle is known to the nanosecond. For each cycle, the workload's ops in the {@code window} after its start are set
 * against the ops in the same length of time just before it: the time the workload lost to the cycle. The same is
 * done half a period later, where no cycle runs (the control: what the method reads into nothing), and each cycle's
 * loss minus its control is one paired difference, summarised by {@link PairedStats}.
 *
 * <p>Block A/B tests ({@link PairedThroughput}) compare seconds of throughput, which this VM's neighbours move by
 * several percent; here only ±{@code window} around a cycle is compared, where that drift cancels, so a cost of
 * about a millisecond per cycle can be resolved. What it does not see: effects spread over time rather than locked to
 * the cycle, of which zprof without the window has one, its retained heap (~0.2 MiB) kept alive across
 * collections, and the GC work its own allocation causes; the bytes it allocates per cycle are printed.
 *
 * <p>Run: {@code benchmarks/overhead-lab/run -Xms512m -Xmx512m -XX:+UseG1GC
 * CycleLockedCost [CPU|ALLOC|ALLOC_STORM] [cycles] [period ms] [window ms] [cycle|wake]};
 * {@code wake} is the method's calibration: the thread wakes at every deadline as before but runs no cycle, so what
 * it reads is the wake-up alone plus whatever the method reads into nothing.
 */
public final class CycleLockedCost {
    /** Target time between two stamps of the workload. */
    private static final long STAMP_NANOS = 500_000;

    private CycleLockedCost() {
    }

    /**
     * @param args workload, cycles (default 200), period in ms (default 2000), window in ms (default 100), and
     *             {@code cycle} (default) or {@code wake}
     */
    public static void main(String[] args) throws Exception {
        Workload w = Workload.valueOf(args[0]);
        int cycles = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        long periodNanos = (args.length > 2 ? Long.parseLong(args[2]) : 2000) * 1_000_000;
        long windowNanos = (args.length > 3 ? Long.parseLong(args[3]) : 100) * 1_000_000;
        boolean runCycles = args.length <= 4 || switch (args[4]) {
            case "cycle" -> true;
            case "wake" -> false;
            default -> throw new IllegalArgumentException("the fifth argument is 'cycle' or 'wake', not " + args[4]);
        };
        if (windowNanos * 2 >= periodNanos / 2) {
            throw new IllegalArgumentException("window " + windowNanos / 1_000_000
                    + " ms must be shorter than a quarter of the period, " + periodNanos / 1_000_000 + " ms");
        }

        Zprof zprof = OverheadRun.productionLike(Files.createTempDirectory("zprof-locked"), false);
        zprof.start();
        OverheadRun.Jit jit = OverheadRun.Jit.C2;
        OverheadRun.cycles(zprof, jit.firstBatch);
        double opsPerSec = OverheadRun.warmUp(zprof, jit, w, Duration.ofSeconds(10));
        // from here on only this class runs cycles
        zprof.update(c -> c.collectInterval(Duration.ofHours(1)));

        int stride = (int) Math.max(1, Math.round(opsPerSec * STAMP_NANOS / 1e9));
        long measureNanos = cycles * periodNanos + 2 * periodNanos;
        long[] stamps = new long[(int) (measureNanos / STAMP_NANOS * 2)];
        StampingWorkload workload = new StampingWorkload(w, stride, stamps);
        Thread worker = new Thread(workload, "workload");
        worker.setDaemon(true);
        worker.start();
        Thread.sleep(periodNanos / 1_000_000);

        long[] starts = new long[cycles];
        com.sun.management.ThreadMXBean tm = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long cpu0 = tm.getCurrentThreadCpuTime();
        long allocated0 = tm.getCurrentThreadAllocatedBytes();
        long next = System.nanoTime() + periodNanos;
        for (int i = 0; i < cycles; i++) {
            Deadlines.parkUntil(next);
            starts[i] = System.nanoTime();
            if (runCycles) {
                zprof.sampleNow();
            }
            next += periodNanos;
        }
        // CPU of this thread per deadline, wake-up included, as the harness counts it for the sampler thread
        double cpuMicrosPerCycle = (tm.getCurrentThreadCpuTime() - cpu0) / 1e3 / cycles;
        double bytesPerCycle = (double) (tm.getCurrentThreadAllocatedBytes() - allocated0) / cycles;
        Thread.sleep(periodNanos / 1_000_000);
        worker.interrupt();
        worker.join();
        zprof.stop();

        WorkloadTimeline timeline = new WorkloadTimeline(stamps, workload.stamped(), stride);
        double[] diffs = new double[cycles];
        for (int i = 0; i < cycles; i++) {
            double lost = timeline.lostNanos(starts[i], windowNanos);
            double control = timeline.lostNanos(starts[i] + periodNanos / 2, windowNanos);
            diffs[i] = (lost - control) / 1e3;
        }
        System.out.println(runCycles ? "zprof's cycle ran at every deadline" : "CALIBRATION: woke at every deadline, ran no cycle");
        report(w, cycles, periodNanos, windowNanos, diffs, cpuMicrosPerCycle, bytesPerCycle, stride);
    }

    private static void report(Workload w, int cycles, long periodNanos, long windowNanos, double[] lostMicros,
            double cpuMicrosPerCycle, double bytesPerCycle, int stride) {
        PairedStats s = PairedStats.of(lostMicros);
        // a cycle every 5 s (the default interval): lost µs per cycle / 5e6 µs, as a throughput change in %
        double toPercentAt5s = -100 / 5e6;
        System.out.printf(Locale.ROOT, "%s: %d deadlines every %d ms, ±%d ms around each, a stamp every %d ops; "
                        + "CPU of the waking thread %.0f µs per deadline, %.0f bytes allocated%n", w, cycles,
                periodNanos / 1_000_000, windowNanos / 1_000_000, stride, cpuMicrosPerCycle, bytesPerCycle);
        System.out.printf(Locale.ROOT, "RESULT %s: workload time lost per cycle, mean %.0f µs (95 %% CI %.0f to %.0f, "
                        + "sd of one cycle %.0f); Hodges-Lehmann %.0f µs (95 %% CI %.0f to %.0f)%n", w, s.mean(),
                s.meanLow(), s.meanHigh(), s.sd(), s.hl(), s.hlLow(), s.hlHigh());
        System.out.printf(Locale.ROOT, "RESULT %s: throughput change at a 5 s interval, mean %+.4f %% (95 %% CI %+.4f %% "
                        + "to %+.4f %%); Hodges-Lehmann %+.4f %% (95 %% CI %+.4f %% to %+.4f %%)%n", w,
                s.mean() * toPercentAt5s, s.meanHigh() * toPercentAt5s, s.meanLow() * toPercentAt5s,
                s.hl() * toPercentAt5s, s.hlHigh() * toPercentAt5s, s.hlLow() * toPercentAt5s);
    }

    /** The workload's thread: runs ops without pause and stamps the time after every {@code stride} of them. */
    private static final class StampingWorkload implements Runnable {
        private final Workload workload;
        private final int stride;
        private final long[] stamps;
        private volatile int stamped;

        StampingWorkload(Workload workload, int stride, long[] stamps) {
            this.workload = workload;
            this.stride = stride;
            this.stamps = stamps;
        }

        @Override
        public void run() {
            long sink = 0;
            long op = 0;
            int n = 0;
            while (n < stamps.length && !Thread.currentThread().isInterrupted()) {
                for (int k = 0; k < stride; k++) {
                    sink += workload.op(op++);
                }
                stamps[n++] = System.nanoTime();
            }
            stamped = n;
            System.out.println("sink=" + (sink & 1));
        }

        /** @return how many stamps were written (valid once the thread has ended) */
        int stamped() {
            return stamped;
        }
    }

    /** The workload's progress over time, from its stamps; ops between two stamps are spread evenly. */
    static final class WorkloadTimeline {
        private final long[] stamps;
        private final int count;
        private final int stride;

        /**
         * @param stamps increasing times, one after every {@code stride} ops
         * @param count  how many are valid
         * @param stride ops between two stamps
         */
        WorkloadTimeline(long[] stamps, int count, int stride) {
            this.stamps = stamps;
            this.count = count;
            this.stride = stride;
        }

        /** @return ops done by time {@code t}, counted from the first stamp, interpolated between stamps */
        double opsAt(long t) {
            int i = Arrays.binarySearch(stamps, 0, count, t);
            if (i >= 0) {
                return (double) i * stride;
            }
            int after = -i - 1;
            if (after == 0 || after == count) {
                throw new IllegalArgumentException("time outside the workload's run: " + t);
            }
            long t0 = stamps[after - 1];
            long t1 = stamps[after];
            return ((after - 1) + (double) (t - t0) / (t1 - t0)) * stride;
        }

        /**
         * @return workload time lost in {@code [t, t + window)} against the rate of {@code [t - window, t)}: 0 when
         *         it ran as fast after {@code t} as before, {@code window} when it stopped
         */
        double lostNanos(long t, long window) {
            double before = opsAt(t) - opsAt(t - window);
            double after = opsAt(t + window) - opsAt(t);
            return window * (1 - after / before);
        }
    }
}
