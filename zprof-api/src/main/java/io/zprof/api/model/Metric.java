package io.zprof.api.model;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A number zprof samples or derives, identified by its {@link #key()}, with a unit and a {@link Kind}. Collectors
 * report {@link Kind#GAUGE} and {@link Kind#COUNTER} metrics; the engine computes the {@link Kind#DERIVED} ones from
 * them, so the formula lives in one place.
 *
 * <p>The vocabulary is open: the built-in metrics are the constants below, and a third-party collector declares its
 * own with {@link #custom(String, String, Kind)} (typically in a {@code static final} field of its provider). Every
 * metric, built-in or declared, is registered once per JVM under its key, gets a dense {@link #index()} so the
 * engine can keep a cycle's values in arrays, and is found again with {@link #of(String)}. Metrics are compared by
 * identity: one key, one instance.
 */
public final class Metric {
    /** Keys of declared metrics: lowercase words of letters and digits joined by dots or underscores. */
    private static final Pattern CUSTOM_KEY = Pattern.compile("[a-z][a-z0-9]*([._][a-z0-9]+)*");
    /** The longest key {@link #custom} accepts. */
    public static final int MAX_KEY_LENGTH = 64;

    private static final Map<String, Metric> BY_KEY = new ConcurrentHashMap<>();
    /** Registration order; {@code KNOWN[i].index() == i}. Copied on write: registering is rare, reading is not. */
    private static volatile Metric[] known = new Metric[0];

    /** Cumulative CPU time consumed by the process, in nanoseconds. */
    public static final Metric PROCESS_CPU_NANOS = builtIn("PROCESS_CPU_NANOS", Kind.COUNTER, "ns");
    /** CPU cores the process may use (cgroup quota, cpuset, or the machine). */
    public static final Metric CPU_LIMIT_CORES = builtIn("CPU_LIMIT_CORES", Kind.GAUGE, "cores");
    /** Process CPU usage relative to {@link #CPU_LIMIT_CORES}: 100 means every available core is busy. */
    public static final Metric CPU_PERCENT = builtIn("CPU_PERCENT", Kind.DERIVED, "%");
    /** Resident set size of the process. */
    public static final Metric RSS_BYTES = builtIn("RSS_BYTES", Kind.GAUGE, "bytes");
    /** Memory the process may use (cgroup limit or physical memory). */
    public static final Metric MEMORY_LIMIT_BYTES = builtIn("MEMORY_LIMIT_BYTES", Kind.GAUGE, "bytes");
    /** {@link #RSS_BYTES} relative to {@link #MEMORY_LIMIT_BYTES}. */
    public static final Metric MEMORY_PERCENT = builtIn("MEMORY_PERCENT", Kind.DERIVED, "%");
    /** Live JVM platform threads ({@code ThreadMXBean.getThreadCount}). */
    public static final Metric JVM_THREADS = builtIn("JVM_THREADS", Kind.GAUGE, "threads");
    /** Native threads of the process (Linux {@code /proc/self/status Threads:}). */
    public static final Metric OS_THREADS = builtIn("OS_THREADS", Kind.GAUGE, "threads");
    /** Java heap in use. */
    public static final Metric HEAP_USED_BYTES = builtIn("HEAP_USED_BYTES", Kind.GAUGE, "bytes");
    /** Java heap ceiling ({@code -Xmx}). */
    public static final Metric HEAP_MAX_BYTES = builtIn("HEAP_MAX_BYTES", Kind.GAUGE, "bytes");
    /** Memory charged to the process's cgroup, page cache included. */
    public static final Metric CGROUP_MEMORY_USAGE_BYTES = builtIn("CGROUP_MEMORY_USAGE_BYTES", Kind.GAUGE, "bytes");
    /** Memory charged to the cgroup without reclaimable page cache (the working set). */
    public static final Metric CGROUP_MEMORY_WORKING_SET_BYTES =
            builtIn("CGROUP_MEMORY_WORKING_SET_BYTES", Kind.GAUGE, "bytes");
    /** Cumulative CFS enforcement periods of the cgroup. */
    public static final Metric CPU_PERIODS = builtIn("CPU_PERIODS", Kind.COUNTER, "periods");
    /** Cumulative CFS periods in which the cgroup was throttled. */
    public static final Metric CPU_THROTTLED_PERIODS = builtIn("CPU_THROTTLED_PERIODS", Kind.COUNTER, "periods");
    /** Cumulative time the cgroup spent throttled, in nanoseconds. */
    public static final Metric CPU_THROTTLED_NANOS = builtIn("CPU_THROTTLED_NANOS", Kind.COUNTER, "ns");
    /** Share of CFS periods throttled since the previous sample. */
    public static final Metric CPU_THROTTLED_PERIODS_PERCENT = builtIn("CPU_THROTTLED_PERIODS_PERCENT", Kind.DERIVED, "%");
    /** Throttled time per wall-clock time since the previous sample. */
    public static final Metric CPU_THROTTLED_TIME_PERCENT = builtIn("CPU_THROTTLED_TIME_PERCENT", Kind.DERIVED, "%");

    /** How a metric's value behaves over time. */
    public enum Kind {
        /** A level read as is. */
        GAUGE,
        /** A monotonically growing total; the engine turns deltas into rates. */
        COUNTER,
        /** Computed by the engine from other metrics; collectors never report it. */
        DERIVED
    }

    private final String name;
    private final String key;
    private final Kind kind;
    private final String unit;
    private final int index;

    private Metric(String name, String key, Kind kind, String unit, int index) {
        this.name = name;
        this.key = key;
        this.kind = kind;
        this.unit = unit;
        this.index = index;
    }

    private static Metric builtIn(String name, Kind kind, String unit) {
        return register(name, name.toLowerCase(Locale.ROOT).replace("_", ""), kind, unit);
    }

    /**
     * Declares a metric a third-party collector publishes. Declaring the same key again with the same unit and kind
     * returns the metric already declared, so a provider class loaded twice (or two providers sharing a metric)
     * agree.
     *
     * @param key  its name: lowercase letters and digits in words joined by {@code .} or {@code _}
     *             ({@code pool.active}, {@code queue_depth}), at most {@link #MAX_KEY_LENGTH} characters
     * @param unit the unit of its values, for display ({@code connections}, {@code bytes}, {@code %})
     * @param kind {@link Kind#GAUGE} or {@link Kind#COUNTER}; {@link Kind#DERIVED} is the engine's own
     * @return the registered metric
     * @throws IllegalArgumentException when the key is malformed, the kind is derived, or the key is already
     *                                  declared with another unit or kind (a built-in key included)
     */
    public static Metric custom(String key, String unit, Kind kind) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(kind, "kind");
        if (key.length() > MAX_KEY_LENGTH || !CUSTOM_KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("metric key '" + key + "' must be lowercase letters and digits in words"
                    + " joined by '.' or '_' (e.g. pool.active), at most " + MAX_KEY_LENGTH + " characters");
        }
        if (kind == Kind.DERIVED) {
            throw new IllegalArgumentException("metric '" + key + "': derived metrics are computed by the engine; "
                    + "declare a gauge or a counter");
        }
        return register(key, key, kind, unit);
    }

    private static synchronized Metric register(String name, String key, Kind kind, String unit) {
        Metric existing = BY_KEY.get(key);
        if (existing != null) {
            if (existing.kind != kind || !existing.unit.equals(unit)) {
                throw new IllegalArgumentException("metric '" + key + "' is already declared as " + existing.kind
                        + " in " + existing.unit + "; cannot declare it as " + kind + " in " + unit);
            }
            return existing;
        }
        Metric[] before = known;
        Metric m = new Metric(name, key, kind, unit, before.length);
        Metric[] after = java.util.Arrays.copyOf(before, before.length + 1);
        after[m.index] = m;
        BY_KEY.put(key, m);
        known = after;
        return m;
    }

    /**
     * @param key a metric key ({@code cpupercent}, {@code pool.active}); case and surrounding blanks are ignored
     * @return the metric registered under it, or empty when none is (a third party's metric is registered once
     *         its declaring class has been loaded)
     */
    public static Optional<Metric> of(String key) {
        return key == null ? Optional.empty() : Optional.ofNullable(BY_KEY.get(key.trim().toLowerCase(Locale.ROOT)));
    }

    /** @return every metric registered so far, built-ins first, in {@link #index()} order */
    public static List<Metric> known() {
        return List.of(known);
    }

    /** @return how many metrics are registered: every {@link #index()} is below it */
    public static int count() {
        return known.length;
    }

    /** @return whether this metric is a gauge, a counter or derived by the engine */
    public Kind kind() {
        return kind;
    }

    /** @return the unit of the value, for display */
    public String unit() {
        return unit;
    }

    /** @return the lowercase key used in configuration, the timeline and reports ({@code cpupercent}) */
    public String key() {
        return key;
    }

    /**
     * @return the constant's name for a built-in ({@code CPU_PERCENT}), the key for a declared metric; kept so code
     *         written when metrics were an enum reads the same
     */
    public String name() {
        return name;
    }

    /** @return the dense position of this metric in registration order, for array-indexed tables */
    public int index() {
        return index;
    }

    /** @return whether this is one of zprof's own metrics rather than one a third party declared */
    public boolean builtIn() {
        return !name.equals(key);
    }

    /** @return {@link #name()}, as the enum's {@code toString} did */
    @Override
    public String toString() {
        return name;
    }
}
