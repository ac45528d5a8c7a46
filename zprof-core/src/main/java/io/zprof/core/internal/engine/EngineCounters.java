package io.zprof.core.internal.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/** The engine's counters, shown by status() under their keys in a fixed order. Thread-safe. */
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

    private final AtomicLongArray values = new AtomicLongArray(Counter.values().length);

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
        return out;
    }
}
