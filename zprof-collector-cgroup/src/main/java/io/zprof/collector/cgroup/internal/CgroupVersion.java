package io.zprof.collector.cgroup.internal;

import io.zprof.api.model.MetricSource;

/**
 * The two cgroup interfaces, and the names of the files zprof reads in each. Everything that differs between v1
 * and v2 is a name or a unit here; the reading code is shared.
 */
enum CgroupVersion {
    /** Per-controller hierarchies ({@code /sys/fs/cgroup/memory}, {@code /sys/fs/cgroup/cpu,cpuacct}, ...). */
    V1(MetricSource.CGROUP_V1, "memory.limit_in_bytes", "hierarchical_memory_limit ", "memory.usage_in_bytes",
            "total_inactive_file ", "cpu.cfs_quota_us", "cpu.cfs_period_us", "cpuset.effective_cpus", "throttled_time ",
            1L),
    /** The unified hierarchy. {@code cpu.max} holds quota and period on one line. */
    V2(MetricSource.CGROUP_V2, "memory.max", null, "memory.current", "inactive_file ",
            "cpu.max", null, "cpuset.cpus.effective", "throttled_usec ", 1000L);

    private final MetricSource source;
    private final String memoryLimit;
    private final byte[] hierarchicalLimitKey;
    private final String memoryUsage;
    private final byte[] inactiveFileKey;
    private final String cpuQuota;
    private final String cpuPeriod;
    private final String cpusetEffective;
    private final byte[] throttledTimeKey;
    private final long throttledTimeToNanos;

    CgroupVersion(MetricSource source, String memoryLimit, String hierarchicalLimitKey, String memoryUsage,
                  String inactiveFileKey, String cpuQuota, String cpuPeriod, String cpusetEffective,
                  String throttledTimeKey, long throttledTimeToNanos) {
        this.source = source;
        this.memoryLimit = memoryLimit;
        this.hierarchicalLimitKey = hierarchicalLimitKey == null ? null : KernelText.bytes(hierarchicalLimitKey);
        this.memoryUsage = memoryUsage;
        this.inactiveFileKey = KernelText.bytes(inactiveFileKey);
        this.cpuQuota = cpuQuota;
        this.cpuPeriod = cpuPeriod;
        this.cpusetEffective = cpusetEffective;
        this.throttledTimeKey = KernelText.bytes(throttledTimeKey);
        this.throttledTimeToNanos = throttledTimeToNanos;
    }

    /** @return the source reported with numbers read from this interface */
    MetricSource source() {
        return source;
    }

    /** @return the file with the hard memory limit */
    String memoryLimitFile() {
        return memoryLimit;
    }

    /**
     * @return the {@code memory.stat} key of the limit the kernel enforces with all ancestors counted, with its
     *         separator; v1 only ({@code null} in v2), and the only way to see a limit set on an ancestor that the
     *         container cannot see
     */
    byte[] hierarchicalLimitKey() {
        return hierarchicalLimitKey;
    }

    /** @return the file with the memory charged to the cgroup, page cache included */
    String memoryUsageFile() {
        return memoryUsage;
    }

    /** @return the {@code memory.stat} key of the reclaimable page cache (hierarchical in v1), with its separator */
    byte[] inactiveFileKey() {
        return inactiveFileKey;
    }

    /** @return the file with the CFS quota ({@code cpu.max} in v2, which also holds the period) */
    String cpuQuotaFile() {
        return cpuQuota;
    }

    /** @return the file with the CFS period, or {@code null} when it shares the quota's file (v2) */
    String cpuPeriodFile() {
        return cpuPeriod;
    }

    /** @return the file with the CPUs the cgroup may run on, after its ancestors' restrictions */
    String cpusetEffectiveFile() {
        return cpusetEffective;
    }

    /** @return the {@code cpu.stat} key of the throttled time, with its separator */
    byte[] throttledTimeKey() {
        return throttledTimeKey;
    }

    /** @return the factor from the throttled time's unit to nanoseconds (v1 ns, v2 µs) */
    long throttledTimeToNanos() {
        return throttledTimeToNanos;
    }
}
