package io.zprof.api.config;

import java.time.Duration;

/**
 * Who holds the heap growth: when on, an event with a pair of heap dumps (the GC-heap series' later captures, and any
 * event that dumps the heap, which then takes a second dump {@code interval} after the first) has the pair analysed
 * by the {@code holders} dumper (zprof-heap-analysis) in a separate JVM with its own heap limit, never inside the
 * monitored service. The incident report is written at once and rebuilt when the analysis ends.
 *
 * @param enabled      off by default: the analysis costs a child JVM of up to {@code maxHeapBytes} and its CPU, and
 *                     the second heap dump another pause and file
 * @param maxHeapBytes the child JVM's {@code -Xmx}; the analysis needs about three times the larger dump
 * @param timeout      the child JVM is killed after this
 * @param interval     how long after the first heap dump of an event the second is taken, when its series has no
 *                     earlier one: the pair shows what kept growing meanwhile
 */
public record HeapHoldersConfig(boolean enabled, long maxHeapBytes, Duration timeout, Duration interval) {
    /** The smallest child heap accepted: shark's index of even a small dump needs tens of MiB. */
    public static final long MIN_HEAP_BYTES = 64L * 1024 * 1024;

    /** Validates every component. */
    public HeapHoldersConfig {
        SingleSettingChecks.bytes("zprof.dump.heapholders.maxheap", maxHeapBytes, MIN_HEAP_BYTES);
        SingleSettingChecks.positive("zprof.dump.heapholders.timeout", timeout, SingleSettingChecks.LONGEST_STEP);
        SingleSettingChecks.positive("zprof.dump.heapholders.interval", interval, SingleSettingChecks.LONGEST_STEP);
    }

    /** @return the defaults: off, a 1 GiB child heap, killed after 10 minutes, second dump 10 s after the first */
    public static HeapHoldersConfig defaults() {
        return new HeapHoldersConfig(false, 1024L * 1024 * 1024, Duration.ofMinutes(10), Duration.ofSeconds(10));
    }

    /** @param v on or off @return a copy */
    public HeapHoldersConfig enabled(boolean v) { return new HeapHoldersConfig(v, maxHeapBytes, timeout, interval); }
    /** @param v the child JVM's heap limit in bytes @return a copy */
    public HeapHoldersConfig maxHeapBytes(long v) { return new HeapHoldersConfig(enabled, v, timeout, interval); }
    /** @param v how long the child may run @return a copy */
    public HeapHoldersConfig timeout(Duration v) { return new HeapHoldersConfig(enabled, maxHeapBytes, v, interval); }
    /** @param v time between an event's two heap dumps @return a copy */
    public HeapHoldersConfig interval(Duration v) { return new HeapHoldersConfig(enabled, maxHeapBytes, timeout, v); }
}
