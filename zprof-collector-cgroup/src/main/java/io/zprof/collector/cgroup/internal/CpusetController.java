package io.zprof.collector.cgroup.internal;

/**
 * The cpuset controller: the number of CPUs the cgroup may run on. The effective list already includes the
 * ancestors' restrictions; the configured {@code cpuset.cpus} is the fallback where the effective file is missing
 * (an empty v2 {@code cpuset.cpus} means "inherit", so it is ignored).
 */
final class CpusetController {
    private final CgroupVersion version;
    private final ReusableFile effective;
    private final ReusableFile configured;
    private final String origin;

    CpusetController(ControllerDir dir, FileGroup files) {
        this.version = dir.version();
        this.effective = files.fileIfExists(dir.leaf().resolve(version.cpusetEffectiveFile()), 256);
        this.configured = effective != null ? null : files.fileIfExists(dir.leaf().resolve("cpuset.cpus"), 256);
        this.origin = (effective != null ? version.cpusetEffectiveFile() : "cpuset.cpus") + " of "
                + dir.describeLevel(dir.leaf()) + " (cpuset)";
    }

    /** @return the interface the files belong to */
    CgroupVersion version() {
        return version;
    }

    /** @return the file the CPU count is read from, for a person */
    String origin() {
        return origin;
    }

    /** @return the number of CPUs in the cpuset, or 0 when unknown */
    int readCpuCount() {
        ReusableFile file = effective != null ? effective : configured;
        if (file == null || !file.read()) {
            return 0;
        }
        return Math.max(0, KernelText.countCpuList(file.bytes(), 0, file.length()));
    }
}
