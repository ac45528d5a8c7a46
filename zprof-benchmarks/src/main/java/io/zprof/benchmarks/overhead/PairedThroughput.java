package io.zprof.benchmarks.overhead;

import io.zprof.core.Zprof;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Throughput with zprof on against off, paired inside one JVM: the workload runs without pause on its own thread
 * while zprof is started and stopped in alternating blocks (off-on, on-off, ...), and each pair of neighbouring
 * blocks gives one relative difference. Separate JVMs differ by several percent on a shared VM (JIT decisions,
 * memory layout, neighbours' load drifting over minutes); neighbouring blocks of one JVM share all of that, so the
 * mean of the paired differences and its confidence interval show an effect far smaller than run-to-run noise.
 *
 * <p>Run: {@code java -Xms512m -Xmx512m -XX:+UseG1GC -cp zprof-benchmarks/target/benchmarks.jar
 * io.zprof.benchmarks.overhead.PairedThroughput [CPU|ALLOC] [ON|WINDOW] [pairs] [block seconds]}
 */
public final class PairedThroughput {
    /** Time after a switch that is not counted: start() and stop() themselves, and JFR settling with the window. */
    private static final long SETTLE_MILLIS = 2_000;

    private PairedThroughput() {
    }

    /** @param args workload, mode (ON or WINDOW), pairs (default 20), block seconds (default 10) */
    public static void main(String[] args) throws Exception {
        Workload w = Workload.valueOf(args[0]);
        OverheadRun.Mode mode = OverheadRun.Mode.valueOf(args[1]);
        int pairs = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        long blockMillis = (args.length > 3 ? Long.parseLong(args[3]) : 10) * 1000;
        Zprof zprof = OverheadRun.productionLike(Files.createTempDirectory("zprof-paired"), mode.window);
        zprof.start();
        OverheadRun.cycles(zprof, 5000);
        zprof.stop();

        AtomicLong ops = new AtomicLong();
        Thread worker = new Thread(() -> {
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
            double first = block(zprof, onFirst, ops, blockMillis);
            double second = block(zprof, !onFirst, ops, blockMillis);
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
        int n = diffs.length;
        double mean = 0;
        for (double d : diffs) {
            mean += d / n;
        }
        double var = 0;
        for (double d : diffs) {
            var += (d - mean) * (d - mean) / (n - 1);
        }
        double halfWidth = tQuantile975(n - 1) * Math.sqrt(var / n);
        System.out.printf(Locale.ROOT, "RESULT %s %s: %d pairs of %d s blocks: throughput change %+.2f %% "
                        + "(95 %% CI %+.2f %% to %+.2f %%), sd of one pair %.2f %%%n",
                w, mode.name().toLowerCase(Locale.ROOT), n, blockMillis / 1000, mean, mean - halfWidth, mean + halfWidth,
                Math.sqrt(var));
    }

    /** Two-sided 95 % quantile of Student's t with {@code df} degrees of freedom. */
    static double tQuantile975(int df) {
        double[] table = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
            2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048,
            2.045, 2.042};
        return df < 1 ? Double.NaN : df <= table.length ? table[df - 1] : df <= 60 ? 2.000 : 1.96;
    }
}
