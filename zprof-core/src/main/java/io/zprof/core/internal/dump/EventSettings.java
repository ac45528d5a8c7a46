package io.zprof.core.internal.dump;

import io.zprof.api.config.ConfigValues;
import io.zprof.api.config.DumpConfig;
import io.zprof.api.config.ZprofConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The engine-wide settings an event was captured with, as {@code zprof.*} keys and the values a person would type,
 * for the timeline (and so the incident report): what sampled, how long the captures recorded, how far back the
 * window reached. The rule's own settings are written beside them. No reporter setting is included (they may hold
 * secrets).
 */
public final class EventSettings {
    private EventSettings() {
    }

    /** @param cfg the configuration in force @return its engine-wide settings, in the README's order */
    public static Map<String, String> of(ZprofConfig cfg) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("zprof.interval", ConfigValues.formatDuration(cfg.collectInterval()));
        out.put("zprof.warmup", Integer.toString(cfg.warmupCycles()));
        out.put("zprof.window", Integer.toString(cfg.windowSize()));
        out.put("zprof.dryrun", Boolean.toString(cfg.dryRun()));
        DumpConfig d = cfg.dump();
        out.put("zprof.dump.path", d.directory().toAbsolutePath().toString());
        out.put("zprof.dump.binary", Boolean.toString(d.binary()));
        out.put("zprof.dump.text", Boolean.toString(d.text()));
        out.put("zprof.dump.cpuduration", ConfigValues.formatDuration(d.cpuDuration()));
        out.put("zprof.dump.sampleperiod", ConfigValues.formatDuration(d.samplePeriod()));
        out.put("zprof.dump.threadcreateduration", ConfigValues.formatDuration(d.threadCreateDuration()));
        out.put("zprof.dump.maxfiles", Integer.toString(d.maxFiles()));
        out.put("zprof.dump.maxbytes", Long.toString(d.maxBytes()));
        out.put("zprof.dump.window.enabled", Boolean.toString(d.window().enabled()));
        out.put("zprof.dump.window.maxage", ConfigValues.formatDuration(d.window().maxAge()));
        out.put("zprof.dump.window.sampleperiod", ConfigValues.formatDuration(d.window().samplePeriod()));
        out.put("zprof.dump.heapholders.enabled", Boolean.toString(d.heapHolders().enabled()));
        if (d.heapHolders().enabled()) {
            out.put("zprof.dump.heapholders.maxheap", Long.toString(d.heapHolders().maxHeapBytes()));
            out.put("zprof.dump.heapholders.timeout", ConfigValues.formatDuration(d.heapHolders().timeout()));
            out.put("zprof.dump.heapholders.interval", ConfigValues.formatDuration(d.heapHolders().interval()));
        }
        out.put("zprof.resource.cpucores", Double.toString(cfg.resource().cpuCores()));
        out.put("zprof.resource.memorylimit", Long.toString(cfg.resource().memoryLimitBytes()));
        out.put("zprof.resource.cgroup", Boolean.toString(cfg.resource().useCgroup()));
        out.put("zprof.profiling.enabled", Boolean.toString(cfg.profiling().enabled()));
        out.put("zprof.reporters", String.join(",", cfg.report().reporters()));
        return out;
    }
}
