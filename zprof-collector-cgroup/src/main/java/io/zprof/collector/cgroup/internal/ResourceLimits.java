package io.zprof.collector.cgroup.internal;

import io.zprof.api.model.Metric;
import io.zprof.api.model.MetricSource;
import io.zprof.api.model.Quantities;
import io.zprof.api.port.SampleSink;

/**
 * The memory and CPU limits in force, with where each came from. Always has a value when the host could be read,
 * so the engine has a denominator for its percentages: a cgroup limit when one applies, the machine otherwise.
 */
final class ResourceLimits {
    private static final String HOST_MEMORY = "MemTotal in /proc/meminfo (no cgroup memory limit applies)";
    private static final String HOST_CPUS = "online CPUs of the machine (no quota, cpuset or affinity narrows them)";
    private static final String AFFINITY = "the process's CPU affinity mask (Cpus_allowed_list in /proc/self/status)";
    private long memoryBytes;
    private MetricSource memorySource = MetricSource.HOST;
    private double cores;
    private MetricSource coresSource = MetricSource.HOST;
    private String memoryOrigin = HOST_MEMORY;
    private String coresOrigin = HOST_CPUS;

    /**
     * Recomputes both limits. Allocation-free.
     *
     * <p>Memory: the tightest cgroup limit, unless it is at or above the machine's memory (a bogus or meaningless
     * limit); then {@code MemTotal}. CPU: the machine's online CPUs, capped by the process's CPU affinity (source
     * {@code PROCFS}), the cpuset's CPU count and the tightest CFS quota. Shares and weights are not limits
     * (JDK-8281181) and are ignored.
     *
     * @param host        the machine
     * @param allowedCpus CPUs in the process's affinity mask, 0 when unknown
     * @param view        the cgroup files, possibly {@link CgroupView#NONE}
     * @return whether a limit or its source differs from before
     */
    boolean update(HostResources host, int allowedCpus, CgroupView view) {
        long previousMemory = memoryBytes;
        MetricSource previousMemorySource = memorySource;
        double previousCores = cores;
        MetricSource previousCoresSource = coresSource;
        updateMemory(host.memoryBytes(), view.memory());
        updateCores(host.cpus(), allowedCpus, view.cpuset(), view.cpu());
        return memoryBytes != previousMemory || memorySource != previousMemorySource
                || Double.compare(cores, previousCores) != 0 || coresSource != previousCoresSource;
    }

    private void updateMemory(long hostMemory, MemoryController memory) {
        memoryBytes = hostMemory;
        memorySource = MetricSource.HOST;
        memoryOrigin = HOST_MEMORY;
        if (memory != null) {
            long limit = memory.readLimit();
            if (limit != Long.MAX_VALUE && (hostMemory == 0 || limit < hostMemory)) {
                memoryBytes = limit;
                memorySource = memory.version().source();
                memoryOrigin = memory.limitOrigin();
            }
        }
    }

    private void updateCores(int hostCpus, int allowedCpus, CpusetController cpuset, CpuController cpu) {
        cores = hostCpus;
        coresSource = MetricSource.HOST;
        coresOrigin = HOST_CPUS;
        if (allowedCpus > 0 && allowedCpus < cores) {
            cores = allowedCpus;
            coresSource = MetricSource.PROCFS;
            coresOrigin = AFFINITY;
        }
        if (cpuset != null) {
            int count = cpuset.readCpuCount();
            // a cpuset narrows the affinity too: on a tie the container's cpuset is the better-named source
            if (count > 0 && count < hostCpus && count <= cores) {
                cores = count;
                coresSource = cpuset.version().source();
                coresOrigin = cpuset.origin();
            }
        }
        if (cpu != null) {
            double quota = cpu.readQuotaCores();
            if (quota <= cores) {
                cores = quota;
                coresSource = cpu.version().source();
                coresOrigin = cpu.quotaOrigin();
            }
        }
    }

    /** @param sink receives {@link Metric#MEMORY_LIMIT_BYTES} (when known) and {@link Metric#CPU_LIMIT_CORES} */
    void report(SampleSink sink) {
        if (memoryBytes > 0) {
            sink.accept(Metric.MEMORY_LIMIT_BYTES, memoryBytes, memorySource);
        }
        sink.accept(Metric.CPU_LIMIT_CORES, cores, coresSource);
    }

    /**
     * @param metric {@link Metric#MEMORY_LIMIT_BYTES} or {@link Metric#CPU_LIMIT_CORES}
     * @return the file and cgroup level the limit in force was read from, or {@code null} for another metric
     */
    String originOf(Metric metric) {
        if (metric == Metric.MEMORY_LIMIT_BYTES) {
            return memoryOrigin;
        }
        return metric == Metric.CPU_LIMIT_CORES ? coresOrigin : null;
    }

    @Override
    public String toString() {
        return "memory limit " + (memoryBytes > 0 ? Quantities.bytes(memoryBytes) : "unknown") + " from " + memoryOrigin
                + ", cpu limit " + Quantities.of(cores, "cores") + " from " + coresOrigin;
    }
}
