package io.zprof.collector.cgroup.internal;

import io.zprof.api.port.SampleSink;
import java.io.Closeable;

/**
 * The cgroup files of one resolution of the process's cgroups. Replaced as a whole when the process moves or a
 * file fails, so its readers never point at a stale directory for longer than one refresh.
 */
final class CgroupView implements Closeable {
    /** No cgroup is read (none visible, or cgroups disabled by configuration). */
    static final CgroupView NONE = new CgroupView(CgroupPaths.NONE);

    private final CgroupPaths paths;
    private final FileGroup files = new FileGroup();
    private final MemoryController memory;
    private final CpuController cpu;
    private final CpusetController cpuset;

    CgroupView(CgroupPaths paths) {
        this.paths = paths;
        this.memory = paths.memory().map(d -> new MemoryController(d, files)).orElse(null);
        this.cpu = paths.cpu().map(d -> new CpuController(d, files)).orElse(null);
        this.cpuset = paths.cpuset().map(d -> new CpusetController(d, files)).orElse(null);
    }

    /** @return the memory controller, or {@code null} */
    MemoryController memory() {
        return memory;
    }

    /** @return the cpu controller, or {@code null} */
    CpuController cpu() {
        return cpu;
    }

    /** @return the cpuset controller, or {@code null} */
    CpusetController cpuset() {
        return cpuset;
    }

    /** @param sink receives cgroup memory usage and CPU throttling counters, when readable */
    void reportUsage(SampleSink sink) {
        if (memory != null) {
            memory.reportUsage(sink);
        }
        if (cpu != null) {
            cpu.reportThrottling(sink);
        }
    }

    /** @return the first file that could not be read, or {@code null} */
    ReusableFile firstFailure() {
        return files.firstFailure();
    }

    @Override
    public String toString() {
        return paths.toString();
    }

    @Override
    public void close() {
        files.close();
    }
}
