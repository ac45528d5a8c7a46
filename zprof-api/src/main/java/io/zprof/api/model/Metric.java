package io.zprof.api.model;

/**
 * Every number zprof samples or derives. Collectors report {@link Kind#GAUGE} and {@link Kind#COUNTER}
 * metrics; the engine computes the {@link Kind#DERIVED} ones from them, so the formula lives in one place.
 */
public enum Metric {
    /** Cumulative CPU time consumed by the process, in nanoseconds. */
    PROCESS_CPU_NANOS(Kind.COUNTER, "ns"),
    /** CPU cores the process may use (cgroup quota, cpuset, or the machine). */
    CPU_LIMIT_CORES(Kind.GAUGE, "cores"),
    /** Process CPU usage relative to {@link #CPU_LIMIT_CORES}: 100 means every available core is busy. */
    CPU_PERCENT(Kind.DERIVED, "%"),
    /** Resident set size of the process. */
    RSS_BYTES(Kind.GAUGE, "bytes"),
    /** Memory the process may use (cgroup limit or physical memory). */
    MEMORY_LIMIT_BYTES(Kind.GAUGE, "bytes"),
    /** {@link #RSS_BYTES} relative to {@link #MEMORY_LIMIT_BYTES}. */
    MEMORY_PERCENT(Kind.DERIVED, "%"),
    /** Live JVM platform threads ({@code ThreadMXBean.getThreadCount}). */
    JVM_THREADS(Kind.GAUGE, "threads"),
    /** Native threads of the process (Linux {@code /proc/self/status Threads:}). */
    OS_THREADS(Kind.GAUGE, "threads"),
    /** Java heap in use. */
    HEAP_USED_BYTES(Kind.GAUGE, "bytes"),
    /** Java heap ceiling ({@code -Xmx}). */
    HEAP_MAX_BYTES(Kind.GAUGE, "bytes"),
    /** Memory charged to the process's cgroup, page cache included. */
    CGROUP_MEMORY_USAGE_BYTES(Kind.GAUGE, "bytes"),
    /** Memory charged to the cgroup without reclaimable page cache (the working set). */
    CGROUP_MEMORY_WORKING_SET_BYTES(Kind.GAUGE, "bytes"),
    /** Cumulative CFS enforcement periods of the cgroup. */
    CPU_PERIODS(Kind.COUNTER, "periods"),
    /** Cumulative CFS periods in which the cgroup was throttled. */
    CPU_THROTTLED_PERIODS(Kind.COUNTER, "periods"),
    /** Cumulative time the cgroup spent throttled, in nanoseconds. */
    CPU_THROTTLED_NANOS(Kind.COUNTER, "ns"),
    /** Share of CFS periods throttled since the previous sample. */
    CPU_THROTTLED_PERIODS_PERCENT(Kind.DERIVED, "%"),
    /** Throttled time per wall-clock time since the previous sample. */
    CPU_THROTTLED_TIME_PERCENT(Kind.DERIVED, "%");

    /** How a metric's value behaves over time. */
    public enum Kind {
        /** A level read as is. */
        GAUGE,
        /** A monotonically growing total; the engine turns deltas into rates. */
        COUNTER,
        /** Computed by the engine from other metrics; collectors never report it. */
        DERIVED
    }

    private final Kind kind;
    private final String unit;

    Metric(Kind kind, String unit) {
        this.kind = kind;
        this.unit = unit;
    }

    /** @return whether this metric is a gauge, a counter or derived by the engine */
    public Kind kind() {
        return kind;
    }

    /** @return the unit of the value, for display */
    public String unit() {
        return unit;
    }

    /** @return the lowercase key used in configuration ({@code cpu_percent} → {@code cpupercent}) */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT).replace("_", "");
    }
}
