package io.zprof.collector.cgroup.internal;

import static io.zprof.api.model.Metric.CPU_LIMIT_CORES;
import static io.zprof.api.model.Metric.MEMORY_LIMIT_BYTES;
import static io.zprof.api.model.Metric.RSS_BYTES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.zprof.api.port.Collector;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code status()} says where each limit came from: the file and the cgroup level (own group, parent, ancestor), the
 * cpuset, the quota, the affinity mask or the machine. Same fake root file systems as {@link CgroupCollectorFixtureTest}.
 */
class LimitOriginTest {
    @TempDir
    Path dir;

    private Collector collector;

    @AfterEach
    void close() {
        if (collector != null) {
            collector.close();
        }
    }

    private Collector collector(Fixture fixture) {
        collector = new CgroupCollectorProvider().create(fixture.context(1, true));
        RecordingSink.collect(collector);
        return collector;
    }

    private String cgroup(String relative) {
        return dir.resolve("sys/fs/cgroup").resolve(relative).toString();
    }

    @Test
    void limitsOfTheProcesssOwnGroupNameTheFileAndTheGroup() {
        Collector c = collector(Fixture.load(dir, "v2"));
        assertEquals("memory.max of the process's own cgroup " + cgroup("kubepods.slice/pod1/ctr"),
                c.originOf(MEMORY_LIMIT_BYTES));
        assertEquals("cpu.max of the process's own cgroup " + cgroup("kubepods.slice/pod1/ctr") + " (CFS quota)",
                c.originOf(CPU_LIMIT_CORES));
        assertNull(c.originOf(RSS_BYTES), "only limits have an origin beyond their source");
    }

    @Test
    void limitsSetOnAParentNameTheParent() {
        Collector c = collector(Fixture.load(dir, "nested"));
        assertEquals("memory.max of parent cgroup " + cgroup("system.slice/parent.slice"), c.originOf(MEMORY_LIMIT_BYTES));
        assertEquals("cpu.max of parent cgroup " + cgroup("system.slice/parent.slice") + " (CFS quota)",
                c.originOf(CPU_LIMIT_CORES));
    }

    @Test
    void aCpusetNamesItsFile() {
        Collector c = collector(Fixture.load(dir, "v2-max"));
        assertEquals("cpuset.cpus.effective of the process's own cgroup " + cgroup("app") + " (cpuset)",
                c.originOf(CPU_LIMIT_CORES));
        assertEquals("MemTotal in /proc/meminfo (no cgroup memory limit applies)", c.originOf(MEMORY_LIMIT_BYTES));
    }

    @Test
    void anAffinityMaskAndTheMachineAreNamedToo() {
        Fixture f = Fixture.load(dir, "base");
        f.write("/proc/self/status", "VmRSS:\t 1000 kB\nThreads:\t3\nCpus_allowed_list:\t0-1,4\n");
        assertEquals("the process's CPU affinity mask (Cpus_allowed_list in /proc/self/status)",
                collector(f).originOf(CPU_LIMIT_CORES));
    }

    @Test
    void aV1LimitAboveTheVisibleMountNamesHierarchicalMemoryLimit() {
        Fixture f = Fixture.load(dir, "v1-unlimited");
        f.write("/sys/fs/cgroup/memory/memory.stat", "hierarchical_memory_limit 268435456\ntotal_inactive_file 0\n");
        assertEquals("hierarchical_memory_limit in " + cgroup("memory/memory.stat")
                + " (set on an ancestor cgroup above the visible mount)", collector(f).originOf(MEMORY_LIMIT_BYTES));
    }
}
