package io.zprof.benchmarks.dumper;

import io.zprof.api.config.ZprofConfig;
import io.zprof.api.port.Dumper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paired A/B measurement of the pre-trigger window's throughput cost, for shared or noisy machines where
 * separate JMH runs drift more than the effect: in one JVM, rounds alternate a slice with the window off and a
 * slice with it on (order flipped every round), and the result is the median of the per-round ratios, so slow
 * changes in background load cancel out. On Linux it also sums the CPU time of JFR's own threads during the "on"
 * slices ({@code /proc/self/task/<tid>/stat}, 10 ms ticks) against the CPU time of the workload thread: a
 * measure of the window's direct cost that other processes on the machine do not distort.
 *
 * <p>Run: see docs/benchmarks-dumper.md. Arguments: rounds (default 30), slice milliseconds (default 1000).
 */
public final class WindowOverheadAbHarness {
    private static final Logger LOG = LoggerFactory.getLogger(WindowOverheadAbHarness.class);
    private static final long SETTLE_MILLIS = 200;
    private static volatile long sink;

    private WindowOverheadAbHarness() {
    }

    /**
     * @param args rounds and slice length in milliseconds, both optional
     */
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        long slice = args.length > 1 ? Long.parseLong(args[1]) : 1000;
        ZprofConfig withWindow = ZprofConfig.defaults().toBuilder()
                .dump(d -> d.window(d.build().window().enabled(true))).build();
        opsIn(10_000); // JIT warm-up
        List<Double> ratios = new ArrayList<>();
        long[] jfrAndWorkNanos = new long[2];
        for (int r = 0; r < rounds; r++) {
            long off;
            long on;
            if (r % 2 == 0) {
                off = opsIn(slice);
                on = opsWithWindow(withWindow, slice, jfrAndWorkNanos);
            } else {
                on = opsWithWindow(withWindow, slice, jfrAndWorkNanos);
                off = opsIn(slice);
            }
            ratios.add((double) on / off);
            LOG.info("round {}: off {} ops, on {} ops, on/off {}", r + 1, off, on,
                    String.format(Locale.ROOT, "%.4f", (double) on / off));
        }
        Collections.sort(ratios);
        LOG.info("median on/off throughput {} (quartiles {} .. {}) over {} rounds of {} ms: window overhead {} %",
                fmt(ratios.get(ratios.size() / 2)), fmt(ratios.get(ratios.size() / 4)),
                fmt(ratios.get(3 * ratios.size() / 4)), rounds, slice,
                String.format(Locale.ROOT, "%.2f", 100 * (1 - ratios.get(ratios.size() / 2))));
        if (jfrAndWorkNanos[1] > 0) {
            LOG.info("JFR threads used {} ms of CPU while the workload used {} ms in the 'on' slices: {} %",
                    jfrAndWorkNanos[0] / 1_000_000, jfrAndWorkNanos[1] / 1_000_000, String.format(Locale.ROOT,
                            "%.2f", 100.0 * jfrAndWorkNanos[0] / jfrAndWorkNanos[1]));
        }
    }

    private static long opsWithWindow(ZprofConfig config, long slice, long[] jfrAndWorkNanos) {
        try (Dumper dumper = DumperHarness.create("jfr", config)) {
            opsIn(SETTLE_MILLIS); // let the recording's start-up pass
            long jfrBefore = jfrThreadsCpuNanos();
            long workBefore = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            long ops = opsIn(slice);
            jfrAndWorkNanos[0] += jfrThreadsCpuNanos() - jfrBefore;
            jfrAndWorkNanos[1] += ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - workBefore;
            return ops;
        }
    }

    /** @return CPU time of the threads whose name starts with "JFR", from procfs; 0 where there is none */
    private static long jfrThreadsCpuNanos() {
        long ticks = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    if (!Files.readString(task.resolve("comm")).startsWith("JFR")) {
                        continue;
                    }
                    String stat = Files.readString(task.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
                } catch (IOException e) {
                    // the thread ended between listing and reading
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return ticks * 10_000_000L; // USER_HZ is 100 on Linux
    }

    private static long opsIn(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        long ops = 0;
        long acc = 0;
        while (System.nanoTime() < end) {
            acc += CpuWork.mix(10_000);
            ops++;
        }
        sink = acc;
        return ops;
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.4f", d);
    }
}
