package io.zprof.dumper.async.internal;

import io.zprof.api.model.DumpKind;
import java.time.Duration;

/**
 * The async-profiler options of a triggered capture. When the pre-trigger window runs, the capture holds the only
 * profiler session, so it also samples CPU at least as often as the window and its file joins the window afterwards.
 * CPU and wall-clock samples of one file share one interval, so a consumer that scales both by one sample rate
 * (Pyroscope) gets both right.
 */
final class CaptureEvents {
    /** Bytes between two allocation samples: what the Pyroscope agent uses by default. */
    static final String ALLOC_INTERVAL = "512k";
    /** Contended waits shorter than this are not recorded, as in the JFR lock capture. */
    static final String LOCK_THRESHOLD = "10ms";

    private CaptureEvents() {
    }

    /**
     * @param kind         cpu, wall, alloc or lock
     * @param cpuEvent     {@code cpu} or {@code itimer}
     * @param samplePeriod {@code zprof.dump.sampleperiod}
     * @param window       the window's sampling period, or null when the window is off
     * @return the session options
     */
    static String of(DumpKind kind, String cpuEvent, Duration samplePeriod, Duration window) {
        Duration fastest = window != null && window.compareTo(samplePeriod) < 0 ? window : samplePeriod;
        String cpu = "event=" + cpuEvent + ",interval=" + ProfilerEngine.nanos(fastest);
        if (kind == DumpKind.CPU) {
            return cpu;
        }
        if (kind == AsyncDumperProvider.WALL) {
            // every thread zprof did not make: the filter is filled when the session has started
            return cpu + ",wall=" + ProfilerEngine.nanos(fastest) + ",filter";
        }
        String windowCpu = window == null ? "" : "event=" + cpuEvent + ",interval=" + ProfilerEngine.nanos(window) + ",";
        if (kind == DumpKind.ALLOC) {
            return windowCpu + "alloc=" + ALLOC_INTERVAL;
        }
        if (kind == DumpKind.LOCK) {
            return windowCpu + "lock=" + LOCK_THRESHOLD;
        }
        throw new IllegalArgumentException("async-profiler does not capture " + kind.key());
    }
}
