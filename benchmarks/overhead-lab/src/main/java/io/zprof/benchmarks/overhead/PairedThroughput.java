package io.zprof.benchmarks.overhead;

import io.zprof.core.Zprof;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Throughput with zprof on against off, paired inside one JVM: the workload runs without pause on its own thread
 * while zprof is started and stopped in alternating blocks (off-on, on-off, ...), and each pair of neighbouring
 * blocks gives one relative difference, summarised by {@link PairedStats}. Separate JVMs differ by several percent on a shared VM (JIT decisions,
 * memory layout, neighbours' load drifting over minutes); neighbouring blocks of one JVM share all of that, so the
 * mean of the paired differences and its confidence interval show an effect far smaller than run-to-run noise.
 *
 * <p>Run: {@code benchmarks/overhead-lab/run -Xms512m -Xmx512m -XX:+UseG1GC
 * PairedThroughput [CPU|ALLOC|ALLOC_STORM] [ON|WINDOW|OFF] [pairs] [block seconds]
 * [cpu]}; {@code OFF} is the control: zprof stays stopped in both arms. With a CPU number the workload's thread is
 * pinned to that CPU ({@link ThreadPinning}), and nothing else is.
 */
public final class PairedThroughput {
    /** Time after a switch that is not counted: start() and stop() themselves, and JFR settling with the window. */
    private static final long SETTLE_MILLIS = 2_000;

    private PairedThroughput() {
    }

    /**
     * @param args workload, mode (ON, WINDOW, or OFF for the control), pairs (default 20), block seconds (default 10),
     *             the CPU to pin the workload's thread to (default: not pinned)
     */
    public static void main(String[] args) throws Exception {
        Workload w = Workload.valueOf(args[0]);
        OverheadRun.Mode mode = OverheadRun.Mode.valueOf(args[1]);
        int pairs = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        long blockMillis = (args.length > 3 ? Long.parseLong(args[3]) : 10) * 1000;
        Integer pinTo = args.length > 4 ? Integer.valueOf(args[4]) : null;
        // OFF is the control: both arms run without zprof, so its interval shows what the method reads into nothing
        boolean armed = mode != OverheadRun.Mode.OFF;
        Zprof zprof = OverheadRun.productionLike(Files.createTempDirectory("zprof-paired"), mode.window);
        zprof.start();
        OverheadRun.cycles(zprof, 5000);
        zprof.stop();

        AtomicLong ops = new AtomicLong();
        Thread worker = new Thread(() -> {
            if (pinTo != null) {
                try {
                    ThreadPinning.pinCurrentThread(pinTo);
                } catch (IllegalArgumentException e) {
                    // a run whose workload is not where it was asked to be measures something else
                    System.err.println(e.getMessage());
                    System.exit(2);
                }
                System.out.println("workload thread pinned to cpu " + pinTo);
            }
            long sink = 0;
            for (long i = 0; !Thread.currentThread().isInterrupted(); i++) {
                sink += w.op(i);
                ops.lazySet(i + 1);
            }
            System.out.println("sink=" + (sink & 1));
        }, "workload");
        worker.setDaemon(true);
        worker.start();
        Thread.sleep(10_000); // the workload's JIT

        double[] diffs = new double[pairs];
        for (int p = 0; p < pairs; p++) {
            // alternate which arm goes first so a drift over the run cancels instead of biasing one arm
            boolean onFirst = p % 2 == 1;
            double first = block(zprof, onFirst && armed, ops, blockMillis);
            double second = block(zprof, !onFirst && armed, ops, blockMillis);
            double on = onFirst ? first : second;
            double off = onFirst ? second : first;
            diffs[p] = (on - off) / off * 100;
            System.out.printf(Locale.ROOT, "pair %2d: off %.0f ops/s, on %.0f ops/s, %+.2f %%%n", p + 1, off, on, diffs[p]);
        }
        zprof.stop();
        worker.interrupt();
        report(w, mode, diffs, blockMillis);
    }

    /** @return ops per second over the block, after the settling time */
    private static double block(Zprof zprof, boolean on, AtomicLong ops, long millis) throws InterruptedException {
        if (on) {
            zprof.start();
        } else {
            zprof.stop();
        }
        Thread.sleep(SETTLE_MILLIS);
        long n0 = ops.get();
        long t0 = System.nanoTime();
        Thread.sleep(millis);
        long n1 = ops.get();
        long t1 = System.nanoTime();
        return (n1 - n0) / ((t1 - t0) / 1e9);
    }

    private static void report(Workload w, OverheadRun.Mode mode, double[] diffs, long blockMillis) {
        PairedStats s = PairedStats.of(diffs);
        System.out.printf(Locale.ROOT, "RESULT %s %s: %d pairs of %d s blocks: throughput change, mean %+.2f %% "
                        + "(95 %% CI %+.2f %% to %+.2f %%, sd of one pair %.2f %%); Hodges-Lehmann %+.2f %% "
                        + "(95 %% CI %+.2f %% to %+.2f %%)%n",
                w, mode.name().toLowerCase(Locale.ROOT), diffs.length, blockMillis / 1000, s.mean(), s.meanLow(),
                s.meanHigh(), s.sd(), s.hl(), s.hlLow(), s.hlHigh());
    }
}
