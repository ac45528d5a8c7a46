package io.zprof.api.config;

import io.zprof.api.model.DumpKind;
import java.time.Duration;
import java.util.List;

/**
 * The GC-heap rule: after a GC, fire when heap occupancy after the collection divided by its ceiling exceeds
 * {@code triggerRatio}; then capture at {@code dumpCount} successive GCs (for a diff) and cool down.
 *
 * @param enabled      off until enabled
 * @param mode         GC notifications (production) or forced GC polling (tests)
 * @param triggerRatio fraction of the ceiling, in (0, 1)
 * @param dumpCount    captures at successive GCs after firing (at least 1)
 * @param cooldown     time after the last capture of a series before the rule may fire again
 * @param dumps        what to capture at each of those GCs
 */
public record GcHeapConfig(boolean enabled, GcMonitorMode mode, double triggerRatio, int dumpCount, Duration cooldown,
                           List<DumpKind> dumps) {
    /** Validates every component. */
    public GcHeapConfig {
        SingleSettingChecks.required("zprof.gcheap.mode", mode);
        if (!(triggerRatio > 0 && triggerRatio < 1)) {
            throw new ConfigurationException("zprof.gcheap.ratio", triggerRatio, "must be between 0 and 1 (exclusive)");
        }
        SingleSettingChecks.atLeast("zprof.gcheap.dumpcount", dumpCount, 1);
        SingleSettingChecks.upTo("zprof.gcheap.cooldown", cooldown, SingleSettingChecks.LONGEST_WAIT);
        dumps = List.copyOf(SingleSettingChecks.required("zprof.gcheap.dumps", dumps));
    }

    /** @return the defaults: off, notifications, 0.7, 2 captures, 5 min, heap */
    public static GcHeapConfig defaults() {
        return new GcHeapConfig(false, GcMonitorMode.NOTIFICATION, 0.7, 2, Duration.ofMinutes(5), List.of(DumpKind.HEAP));
    }

    /** @param v on or off @return a copy */
    public GcHeapConfig enabled(boolean v) { return new GcHeapConfig(v, mode, triggerRatio, dumpCount, cooldown, dumps); }
    /** @param v monitor mode @return a copy */
    public GcHeapConfig mode(GcMonitorMode v) { return new GcHeapConfig(enabled, v, triggerRatio, dumpCount, cooldown, dumps); }
    /** @param v trigger ratio @return a copy */
    public GcHeapConfig triggerRatio(double v) { return new GcHeapConfig(enabled, mode, v, dumpCount, cooldown, dumps); }
    /** @param v captures per series @return a copy */
    public GcHeapConfig dumpCount(int v) { return new GcHeapConfig(enabled, mode, triggerRatio, v, cooldown, dumps); }
    /** @param v cooldown @return a copy */
    public GcHeapConfig cooldown(Duration v) { return new GcHeapConfig(enabled, mode, triggerRatio, dumpCount, v, dumps); }
    /** @param v what to capture @return a copy */
    public GcHeapConfig dumps(List<DumpKind> v) { return new GcHeapConfig(enabled, mode, triggerRatio, dumpCount, cooldown, v); }
}
