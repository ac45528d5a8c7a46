package io.zprof.api.model;

import java.util.Locale;

/** The kinds of evidence a dumper can capture. */
public enum DumpKind {
    /** CPU profile: JFR {@code jdk.ExecutionSample} for the configured duration. */
    CPU,
    /** Allocation profile: JFR {@code jdk.ObjectAllocationSample}. */
    ALLOC,
    /** Lock profile: JFR {@code jdk.JavaMonitorEnter} and {@code jdk.ThreadPark}. */
    LOCK,
    /** Heap dump (HPROF) and class histogram. */
    HEAP,
    /** Thread dump (jstack-like text; JSON with virtual threads on JDK 21+). */
    THREADS,
    /** Where threads are being created: JFR {@code jdk.ThreadStart} with stacks, plus a thread dump. */
    THREADCREATE,
    /** The continuous recording's window from before the trigger. */
    WINDOW,
    /** One chunk of continuous profiling, for upload (not a triggered capture). */
    PROFILE_CHUNK;

    /** @return the lowercase name used in file names and configuration */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param key a name such as {@code cpu} or {@code threadcreate}, any case
     * @return the matching kind
     * @throws IllegalArgumentException when no kind has that name
     */
    public static DumpKind fromKey(String key) {
        for (DumpKind k : values()) {
            if (k.key().equalsIgnoreCase(key.trim())) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown dump kind '" + key + "'");
    }
}
