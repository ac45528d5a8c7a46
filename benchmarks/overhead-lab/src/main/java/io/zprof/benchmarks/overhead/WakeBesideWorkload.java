package io.zprof.benchmarks.overhead;

import io.zprof.api.config.ZprofConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where a dear wake-up is paid: the same {@link WakeControl} at zprof's interval, in the same minutes, once inside a
 * child JVM that runs the workload (zprof off) and once in this JVM beside it, which runs nothing else. Both are
 * compiled alike (the control's warm-up waits) and wake at the same rate, so what differs is only whose address space
 * the thread lives in.
 *
 * <p>Run: {@code benchmarks/overhead-lab/run WakeBesideWorkload
 * [seconds] [rounds] [workload]}.
 */
public final class WakeBesideWorkload {
    /** zprof's default interval, at which the harness's runs measure. */
    private static final Duration INTERVAL = ZprofConfig.defaults().collectInterval();

    private WakeBesideWorkload() {
    }

    /** @param args seconds per round (default 300), rounds (default 1), workload (default ALLOC) */
    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        Workload w = Workload.valueOf(args.length > 2 ? args[2].toUpperCase(Locale.ROOT) : "ALLOC");
        String cp = System.getProperty("java.class.path");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Map<String, List<Double>> inside = new LinkedHashMap<>();
        long[] beside = new long[0];
        for (int r = 0; r < rounds; r++) {
            // the child warms up for a fifth of the run and measures for the rest; both phases run the workload
            WakeControl control = new WakeControl(INTERVAL.toNanos(), (int) (Duration.ofSeconds(seconds * 2L).toNanos() / INTERVAL.toNanos()) + 8);
            control.start();
            control.schedule(System.nanoTime() + INTERVAL.toNanos(), -1);
            OverheadHarness.runChild(java, cp, w, OverheadRun.Mode.OFF, seconds, inside);
            control.stop();
            long[] cpu = control.wakeCpuNanos();
            int from = beside.length;
            beside = Arrays.copyOf(beside, from + cpu.length);
            System.arraycopy(cpu, 0, beside, from, cpu.length);
        }
        System.out.println("inside the workload's JVM: " + SeriesStats.of(OverheadHarness.values(inside, "wakeCpuMicros")).describeWakes());
        System.out.println("in a JVM beside it: " + SeriesStats.of(Arrays.stream(beside).mapToDouble(n -> n / 1e3).toArray()).describeWakes());
    }
}
