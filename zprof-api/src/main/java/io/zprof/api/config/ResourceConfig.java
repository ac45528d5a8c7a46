package io.zprof.api.config;

/**
 * Resource limits the percentages are relative to.
 *
 * @param cpuCores         cores for CPU % (0 = detect: cgroup quota, else {@code availableProcessors()})
 * @param memoryLimitBytes memory for memory % (0 = detect: cgroup limit, else physical memory)
 * @param useCgroup        whether container limits are read when a platform collector offers them
 */
public record ResourceConfig(double cpuCores, long memoryLimitBytes, boolean useCgroup) {
    /** Validates every component. */
    public ResourceConfig {
        SingleSettingChecks.nonNegative("zprof.resource.cpucores", cpuCores);
        SingleSettingChecks.bytes("zprof.resource.memorylimit", memoryLimitBytes, 0);
    }

    /** @return detect everything, cgroups on */
    public static ResourceConfig defaults() {
        return new ResourceConfig(0, 0, true);
    }

    /** @param v cores, 0 = detect @return a copy */
    public ResourceConfig cpuCores(double v) { return new ResourceConfig(v, memoryLimitBytes, useCgroup); }
    /** @param v bytes, 0 = detect @return a copy */
    public ResourceConfig memoryLimitBytes(long v) { return new ResourceConfig(cpuCores, v, useCgroup); }
    /** @param v read container limits @return a copy */
    public ResourceConfig useCgroup(boolean v) { return new ResourceConfig(cpuCores, memoryLimitBytes, v); }
}
