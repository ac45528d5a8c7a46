package io.zprof.collector.cgroup.internal;

import java.util.Optional;

/**
 * The directories of the controllers zprof reads, each found independently: on a hybrid host memory may be on v1
 * while the unified hierarchy carries nothing zprof needs.
 *
 * @param memory the memory controller, when mounted and joined by this process
 * @param cpu    the cpu controller (CFS quota and throttling)
 * @param cpuset the cpuset controller
 */
record CgroupPaths(Optional<ControllerDir> memory, Optional<ControllerDir> cpu, Optional<ControllerDir> cpuset) {
    /** No cgroup file system is visible. */
    static final CgroupPaths NONE = new CgroupPaths(Optional.empty(), Optional.empty(), Optional.empty());

    @Override
    public String toString() {
        return "memory " + describe(memory) + ", cpu " + describe(cpu) + ", cpuset " + describe(cpuset);
    }

    private static String describe(Optional<ControllerDir> dir) {
        return dir.map(d -> d.version().name().toLowerCase(java.util.Locale.ROOT) + " " + d.leaf()).orElse("none");
    }
}
