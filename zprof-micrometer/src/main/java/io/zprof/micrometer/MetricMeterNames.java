package io.zprof.micrometer;

import io.zprof.api.model.Metric;
import java.util.Map;

/**
 * The Micrometer name of each zprof metric. The built-in ones get names in Micrometer's style (dotted, lowercase,
 * the unit left to the base unit: {@code zprof.memory.rss} in bytes, Prometheus {@code zprof_memory_rss_bytes});
 * a metric a third-party collector declares is {@code zprof.custom.<its key>}, which can never collide with a
 * built-in name.
 */
final class MetricMeterNames {
    private static final Map<Metric, String> BUILT_IN = Map.ofEntries(
            Map.entry(Metric.PROCESS_CPU_NANOS, "zprof.process.cpu.time"),
            Map.entry(Metric.CPU_LIMIT_CORES, "zprof.cpu.limit"),
            Map.entry(Metric.CPU_PERCENT, "zprof.cpu.usage"),
            Map.entry(Metric.RSS_BYTES, "zprof.memory.rss"),
            Map.entry(Metric.MEMORY_LIMIT_BYTES, "zprof.memory.limit"),
            Map.entry(Metric.MEMORY_PERCENT, "zprof.memory.usage"),
            Map.entry(Metric.JVM_THREADS, "zprof.threads.live"),
            Map.entry(Metric.OS_THREADS, "zprof.threads.os"),
            Map.entry(Metric.HEAP_USED_BYTES, "zprof.heap.used"),
            Map.entry(Metric.HEAP_MAX_BYTES, "zprof.heap.max"),
            Map.entry(Metric.CGROUP_MEMORY_USAGE_BYTES, "zprof.memory.cgroup.usage"),
            Map.entry(Metric.CGROUP_MEMORY_WORKING_SET_BYTES, "zprof.memory.cgroup.working.set"),
            Map.entry(Metric.CPU_PERIODS, "zprof.cpu.periods"),
            Map.entry(Metric.CPU_THROTTLED_PERIODS, "zprof.cpu.throttled.periods"),
            Map.entry(Metric.CPU_THROTTLED_NANOS, "zprof.cpu.throttled.time"),
            // shares of the last sampling interval, where the counters above are totals
            Map.entry(Metric.CPU_THROTTLED_PERIODS_PERCENT, "zprof.cpu.throttling.periods"),
            Map.entry(Metric.CPU_THROTTLED_TIME_PERCENT, "zprof.cpu.throttling.time"));

    private MetricMeterNames() {
    }

    /**
     * @param metric a zprof metric
     * @return its meter name: the table's for a built-in, {@code zprof.<key>} for a built-in added after this table,
     *         {@code zprof.custom.<key>} for a third party's ({@code _} in its key becomes {@code .})
     */
    static String of(Metric metric) {
        String name = BUILT_IN.get(metric);
        if (name != null) {
            return name;
        }
        String key = metric.key().replace('_', '.');
        return metric.builtIn() ? "zprof." + key : "zprof.custom." + key;
    }
}
