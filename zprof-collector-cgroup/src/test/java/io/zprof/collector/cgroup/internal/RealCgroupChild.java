package io.zprof.collector.cgroup.internal;

import io.zprof.api.model.Metric;
import io.zprof.api.port.Collector;
import io.zprof.testing.TestProviderContext;
import java.util.Locale;
import java.util.Map;

/**
 * The program {@link RealKernelCgroupTest} starts inside a freshly made cgroup: it runs the cgroup collector as
 * the engine would, keeps one thread busy for a few seconds, and prints what it measured as {@code key=value}
 * lines on stdout (test code, so printing is the interface).
 */
public final class RealCgroupChild {
    private static volatile long sink;

    private RealCgroupChild() {
    }

    /**
     * @param args the busy time in milliseconds
     * @throws InterruptedException never in practice
     */
    public static void main(String[] args) throws InterruptedException {
        long busyMillis = Long.parseLong(args[0]);
        CgroupCollectorProvider provider = new CgroupCollectorProvider();
        TestProviderContext context = TestProviderContext.of(Map.of()).forbiddingThreads();
        print("availability", provider.availability(context).available() + ":" + provider.availability(context).reason());
        try (Collector collector = provider.create(context)) {
            RecordingSink before = RecordingSink.collect(collector);
            long wallBefore = System.nanoTime();

            Thread busy = new Thread(() -> spin(busyMillis), "busy");
            busy.start();
            busy.join();

            RecordingSink after = RecordingSink.collect(collector);
            long wallNanos = System.nanoTime() - wallBefore;
            double cpuNanos = after.value(Metric.PROCESS_CPU_NANOS) - before.value(Metric.PROCESS_CPU_NANOS);
            double cores = after.value(Metric.CPU_LIMIT_CORES);

            print("memoryLimitBytes", (long) after.value(Metric.MEMORY_LIMIT_BYTES));
            print("memoryLimitSource", after.source(Metric.MEMORY_LIMIT_BYTES));
            print("cpuLimitCores", cores);
            print("cpuLimitSource", after.source(Metric.CPU_LIMIT_CORES));
            print("cpuNanosSource", after.source(Metric.PROCESS_CPU_NANOS));
            // the engine's formula: ΔPROCESS_CPU_NANOS / Δwall / CPU_LIMIT_CORES × 100
            print("cpuPercent", cpuNanos / wallNanos / cores * 100);
            print("hostCpuPercent", cpuNanos / wallNanos / Runtime.getRuntime().availableProcessors() * 100);
            print("periodsDelta", (long) (after.value(Metric.CPU_PERIODS) - before.value(Metric.CPU_PERIODS)));
            print("throttledPeriodsDelta",
                    (long) (after.value(Metric.CPU_THROTTLED_PERIODS) - before.value(Metric.CPU_THROTTLED_PERIODS)));
            print("throttledNanosDelta",
                    (long) (after.value(Metric.CPU_THROTTLED_NANOS) - before.value(Metric.CPU_THROTTLED_NANOS)));
            print("cgroupMemoryUsageBytes", (long) after.value(Metric.CGROUP_MEMORY_USAGE_BYTES));
            print("cgroupWorkingSetBytes", (long) after.value(Metric.CGROUP_MEMORY_WORKING_SET_BYTES));
            print("rssBytes", (long) after.value(Metric.RSS_BYTES));
            print("osThreads", (long) after.value(Metric.OS_THREADS));
        }
    }

    private static void spin(long millis) {
        long end = System.nanoTime() + millis * 1_000_000L;
        long x = 0;
        while (System.nanoTime() < end) {
            x += x * 31 + 7;
        }
        sink = x;
    }

    private static void print(String key, Object value) {
        System.out.println(key + "=" + (value instanceof Double ? String.format(Locale.ROOT, "%.4f", value) : value));
    }
}
