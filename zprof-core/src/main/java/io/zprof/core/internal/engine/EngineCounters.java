package io.zprof.core.internal.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/** The engine's counters, shown by status() under their keys: the fixed ones in order, then per-kind ones. Thread-safe. */
final class EngineCounters {
    /** One counter and its key in status(). */
    enum Counter {
        /** Sampling cycles run. */
        CYCLES("cycles"),
        /** Collector failures and cycles that failed. */
        COLLECT_ERRORS("collectErrors"),
        /** Events published (dry-run ones apart). */
        EVENTS("events"),
        /** Dry-run events published. */
        DRY_RUN_EVENTS("dryRunEvents"),
        /** Dumps or captures that failed, and an unusable dump directory. */
        CAPTURE_FAILURES("captureFailures"),
        /** Dumps skipped (no dumper, heap dump in progress, dumper said so) and captures the engine stopped. */
        CAPTURE_SKIPS("captureSkips"),
        /** Captures refused because the capture queue was full. */
        CAPTURE_REJECTED("captureRejected"),
        /** Listener calls that threw. */
        LISTENER_ERRORS("listenerErrors"),
        /** Garbage collections observed. */
        GC_OBSERVED("gcObserved"),
        /** Samples refused because they were not finite numbers. */
        SAMPLES_REJECTED("samplesRejected");

        private final String key;

        Counter(String key) {
            this.key = key;
        }

        /** @return its key in status() */
        String key() {
            return key;
        }
    }

    /** Prefix of the per-kind counters of dumps written: {@code captures.cpu}, {@code captures.heap}, ... */
    static final String CAPTURES_OF = "captures.";
    /** Prefix of the per-kind counters of dumps that failed: {@code captureFailures.cpu}, ... */
    static final String CAPTURE_FAILURES_OF = "captureFailures.";

    private final AtomicLongArray values = new AtomicLongArray(Counter.values().length);
    /** Counters whose keys are known only at run time (per dump kind), after the fixed ones in the snapshot. */
    private final Map<String, AtomicLong> keyed = new ConcurrentHashMap<>();

    /** @param key a run-time counter's key, e.g. {@code CAPTURES_OF + kind.key()}; created at 0 on first use */
    void increment(String key) {
        keyed.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    }

    /** @param c the counter to add one to */
    void increment(Counter c) {
        values.incrementAndGet(c.ordinal());
    }

    /** @param c the counter @param n what to add */
    void add(Counter c, long n) {
        values.addAndGet(c.ordinal(), n);
    }

    /** @param c the counter @return its value */
    long get(Counter c) {
        return values.get(c.ordinal());
    }

    /** @return every counter by key, in declaration order */
    Map<String, Long> snapshot() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Counter c : Counter.values()) {
            out.put(c.key(), values.get(c.ordinal()));
        }
        new TreeMap<>(keyed).forEach((k, v) -> out.put(k, v.get()));
        return out;
    }
}
