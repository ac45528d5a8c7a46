package io.zprof.collector.cgroup.internal;

import static io.zprof.api.model.Metric.CGROUP_MEMORY_USAGE_BYTES;
import static io.zprof.api.model.Metric.CGROUP_MEMORY_WORKING_SET_BYTES;
import static io.zprof.api.model.Metric.CPU_LIMIT_CORES;
import static io.zprof.api.model.Metric.CPU_PERIODS;
import static io.zprof.api.model.Metric.CPU_THROTTLED_NANOS;
import static io.zprof.api.model.Metric.CPU_THROTTLED_PERIODS;
import static io.zprof.api.model.Metric.MEMORY_LIMIT_BYTES;
import static io.zprof.api.model.Metric.OS_THREADS;
import static io.zprof.api.model.Metric.PROCESS_CPU_NANOS;
import static io.zprof.api.model.Metric.RSS_BYTES;
import static io.zprof.api.model.MetricSource.CGROUP_V1;
import static io.zprof.api.model.MetricSource.CGROUP_V2;
import static io.zprof.api.model.MetricSource.HOST;
import static io.zprof.api.model.MetricSource.PROCFS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.model.Metric;
import io.zprof.api.model.MetricSource;
import io.zprof.api.port.Collector;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cgroup collector against fake root file systems (trees under {@code src/test/resources/fixtures}), one per
 * layout the JDK's own container detection has had trouble with. The base tree is a machine with 8 CPUs and 16 GiB.
 */
class CgroupCollectorFixtureTest {
    private static final long HOST_MEMORY = 16L * 1024 * 1024 * 1024;
    private static final double HOST_CPUS = 8;

    @TempDir
    Path dir;

    private Collector collector;

    @AfterEach
    void close() {
        if (collector != null) {
            collector.close();
        }
    }

    private Fixture fixture(String name) {
        return Fixture.load(dir, name);
    }

    private RecordingSink collect(Fixture fixture) {
        return collect(fixture, 1, true);
    }

    private RecordingSink collect(Fixture fixture, int refreshCycles, boolean useCgroup) {
        collector = new CgroupCollectorProvider().create(fixture.context(refreshCycles, useCgroup));
        return RecordingSink.collect(collector);
    }

    private static void assertSample(RecordingSink s, Metric metric, double value, MetricSource source) {
        assertEquals(value, s.value(metric), 1e-9, metric + " in " + s);
        assertEquals(source, s.source(metric), metric + " source in " + s);
    }

    private static void assertHostLimits(RecordingSink s) {
        assertSample(s, MEMORY_LIMIT_BYTES, HOST_MEMORY, HOST);
        assertSample(s, CPU_LIMIT_CORES, HOST_CPUS, HOST);
    }

    @Test
    void processNumbersComeFromProcfs() {
        RecordingSink s = collect(fixture("base"));
        assertSample(s, RSS_BYTES, 123456L * 1024, PROCFS);
        assertSample(s, OS_THREADS, 42, PROCFS);
        // utime 250 + stime 50 ticks of 10 ms; the comm "(java (main) x)" must not shift the fields
        assertSample(s, PROCESS_CPU_NANOS, 3_000_000_000.0, PROCFS);
    }

    @Test
    void noCgroupFileSystemMeansHostLimitsAndNoCgroupMetrics() {
        RecordingSink s = collect(fixture("base"));
        assertHostLimits(s);
        assertFalse(s.has(CGROUP_MEMORY_USAGE_BYTES));
        assertFalse(s.has(CPU_PERIODS));
    }

    @Test
    void v1LimitsUsageAndThrottling() {
        RecordingSink s = collect(fixture("v1"));
        assertSample(s, MEMORY_LIMIT_BYTES, 1073741824, CGROUP_V1);
        assertSample(s, CPU_LIMIT_CORES, 1.5, CGROUP_V1);
        assertSample(s, CGROUP_MEMORY_USAGE_BYTES, 629145600, CGROUP_V1);
        // usage minus total_inactive_file (hierarchical), not the local inactive_file
        assertSample(s, CGROUP_MEMORY_WORKING_SET_BYTES, 629145600 - 104857600, CGROUP_V1);
        assertSample(s, CPU_PERIODS, 1000, CGROUP_V1);
        assertSample(s, CPU_THROTTLED_PERIODS, 50, CGROUP_V1);
        assertSample(s, CPU_THROTTLED_NANOS, 123456789, CGROUP_V1);
    }

    @Test
    void v1MemswEqualToTheLimitDoesNotChangeTheMemoryLimit() {
        Fixture f = fixture("v1");
        f.write("/sys/fs/cgroup/memory/system.slice/app.service/memory.memsw.limit_in_bytes", "1073741824\n");
        assertSample(collect(f), MEMORY_LIMIT_BYTES, 1073741824, CGROUP_V1);
    }

    @Test
    void v2LimitsUsageAndThrottling() {
        RecordingSink s = collect(fixture("v2"));
        assertSample(s, MEMORY_LIMIT_BYTES, 536870912, CGROUP_V2);
        assertSample(s, CPU_LIMIT_CORES, 1.5, CGROUP_V2);
        assertSample(s, CGROUP_MEMORY_USAGE_BYTES, 314572800, CGROUP_V2);
        assertSample(s, CGROUP_MEMORY_WORKING_SET_BYTES, 314572800 - 52428800, CGROUP_V2);
        assertSample(s, CPU_PERIODS, 2000, CGROUP_V2);
        assertSample(s, CPU_THROTTLED_PERIODS, 100, CGROUP_V2);
        assertSample(s, CPU_THROTTLED_NANOS, 5_000_000_000.0, CGROUP_V2);
    }

    @Test
    void theWorkingSetFollowsUsageMovesAtOnceAndPageAgingWithinARefresh() {
        Fixture f = fixture("v2");
        String leaf = "/sys/fs/cgroup/kubepods.slice/pod1/ctr/";
        long usage = 314572800;
        collect(f, 4, true); // cycle 1; limits are re-read every 4th cycle
        assertSample(RecordingSink.collect(collector), CGROUP_MEMORY_WORKING_SET_BYTES, usage - 52428800, CGROUP_V2);

        // pages aged onto the inactive list, usage unchanged: memory.stat is not re-read before the refresh
        f.write(leaf + "memory.stat", "anon 209715200\nfile 104857600\ninactive_file 104857600\n");
        f.write(leaf + "memory.current", (usage + usage / 100) + "\n");
        assertSample(RecordingSink.collect(collector), CGROUP_MEMORY_WORKING_SET_BYTES, usage + usage / 100 - 52428800,
                CGROUP_V2);
        // the fourth cycle is a limit refresh: it reads memory.stat again
        assertSample(RecordingSink.collect(collector), CGROUP_MEMORY_WORKING_SET_BYTES, usage + usage / 100 - 104857600,
                CGROUP_V2);

        // usage moved by more than 1/64 of itself (page cache grew): read at once, no refresh needed
        long grown = usage + usage / 10;
        f.write(leaf + "memory.current", grown + "\n");
        f.write(leaf + "memory.stat", "anon 209715200\nfile 136314880\ninactive_file 83886080\n");
        RecordingSink s = RecordingSink.collect(collector);
        assertSample(s, CGROUP_MEMORY_USAGE_BYTES, grown, CGROUP_V2);
        assertSample(s, CGROUP_MEMORY_WORKING_SET_BYTES, grown - 83886080, CGROUP_V2);
    }

    @Test
    void v2MaxMeansNoLimitAndTheCpusetCapsTheCores() {
        RecordingSink s = collect(fixture("v2-max"));
        assertSample(s, MEMORY_LIMIT_BYTES, HOST_MEMORY, HOST);
        assertSample(s, CPU_LIMIT_CORES, 2, CGROUP_V2);
    }

    @Test
    void aNarrowCpuAffinityCapsTheCoresWithoutAnyCgroup() {
        Fixture f = fixture("base");
        f.write("/proc/self/status", "VmRSS:\t 1000 kB\nThreads:\t3\nCpus_allowed_list:\t0-1,4\n");
        assertSample(collect(f), CPU_LIMIT_CORES, 3, PROCFS);
    }

    @Test
    void aCpusetEqualToTheAffinityIsReportedAsTheContainerLimit() {
        Fixture f = fixture("v2-max");
        f.write("/proc/self/status", "VmRSS:\t 1000 kB\nThreads:\t3\nCpus_allowed_list:\t2,5\n");
        assertSample(collect(f), CPU_LIMIT_CORES, 2, CGROUP_V2);
    }

    @Test
    void cpuMaxWithMaxQuotaIsNoCpuLimit() {
        Fixture f = fixture("v2");
        f.write("/sys/fs/cgroup/kubepods.slice/pod1/ctr/cpu.max", "max 100000\n");
        f.write("/sys/fs/cgroup/kubepods.slice/pod1/ctr/cpuset.cpus.effective", "0-7\n");
        assertSample(collect(f), CPU_LIMIT_CORES, HOST_CPUS, HOST);
    }

    @Test
    void limitsSetOnlyOnAParentApply() {
        RecordingSink s = collect(fixture("nested"));
        assertSample(s, MEMORY_LIMIT_BYTES, 268435456, CGROUP_V2);
        assertSample(s, CPU_LIMIT_CORES, 0.5, CGROUP_V2);
        // throttling is counted where the quota is, not in the leaf
        assertSample(s, CPU_THROTTLED_PERIODS, 7, CGROUP_V2);
        assertSample(s, CPU_PERIODS, 300, CGROUP_V2);
    }

    @Test
    void hybridReadsTheV1ControllersNotTheEmptyUnifiedHierarchy() {
        RecordingSink s = collect(fixture("hybrid"));
        assertSample(s, MEMORY_LIMIT_BYTES, 2147483648L, CGROUP_V1);
        assertSample(s, CGROUP_MEMORY_WORKING_SET_BYTES, 1073741824 - 73741824, CGROUP_V1);
        assertSample(s, CPU_LIMIT_CORES, HOST_CPUS, HOST);
        // no quota anywhere: nothing can be throttled, cpu.stat is not read
        assertFalse(s.has(CPU_PERIODS));
    }

    @Test
    void joinedControllersShareOneHierarchy() {
        RecordingSink s = collect(fixture("joined"));
        assertSample(s, MEMORY_LIMIT_BYTES, 805306368, CGROUP_V1);
        assertSample(s, CPU_LIMIT_CORES, 2, CGROUP_V1);
        assertSample(s, CPU_THROTTLED_PERIODS, 2, CGROUP_V1);
    }

    @Test
    void colonsInTheCgroupPath() {
        RecordingSink s = collect(fixture("colons"));
        assertSample(s, MEMORY_LIMIT_BYTES, 402653184, CGROUP_V1);
        assertSample(s, CGROUP_MEMORY_USAGE_BYTES, 102653184, CGROUP_V1);
    }

    @Test
    void v1UnlimitedSentinelQuotaMinusOneAndSharesMeanNoLimit() {
        RecordingSink s = collect(fixture("v1-unlimited"));
        assertHostLimits(s);
        assertSample(s, CGROUP_MEMORY_USAGE_BYTES, 52428800, CGROUP_V1);
    }

    @Test
    void aV1LimitOnAnAncestorTheContainerCannotSeeComesFromHierarchicalMemoryLimit() {
        Fixture f = fixture("v1-unlimited");
        f.write("/sys/fs/cgroup/memory/memory.stat", "hierarchical_memory_limit 268435456\ntotal_inactive_file 0\n");
        assertSample(collect(f), MEMORY_LIMIT_BYTES, 268435456, CGROUP_V1);
    }

    @Test
    void aLimitAboveTheMachineIsNoLimit() {
        RecordingSink s = collect(fixture("above-host"));
        assertHostLimits(s);
    }

    @Test
    void onlyFreezerOnV1StillReadsV2() {
        RecordingSink s = collect(fixture("freezer-v1"));
        assertSample(s, MEMORY_LIMIT_BYTES, 1073741824, CGROUP_V2);
        assertSample(s, CPU_LIMIT_CORES, HOST_CPUS, HOST);
    }

    @Test
    void onlySystemdsNamedHierarchyMeansNoCgroupLimits() {
        RecordingSink s = collect(fixture("systemd-only"));
        assertHostLimits(s);
        assertFalse(s.has(CGROUP_MEMORY_USAGE_BYTES));
    }

    @Test
    void theStandardMountWinsOverAnExtraMountOfTheSameHierarchy() {
        Fixture f = fixture("double-cpuset");
        assertSample(collect(f), CPU_LIMIT_CORES, 2, CGROUP_V1);
        collector.close();
        f.write("/proc/self/mountinfo", """
                42 30 0:38 / /sys/fs/cgroup/cpuset rw,nosuid,nodev,noexec,relatime shared:14 - cgroup none rw,cpuset
                121 32 0:37 / /cpuset rw,relatime shared:69 - cgroup none rw,cpuset
                """);
        assertSample(collect(f), CPU_LIMIT_CORES, 2, CGROUP_V1);
    }

    @Test
    void useCgroupFalseReportsHostLimitsOnly() {
        RecordingSink s = collect(fixture("v2"), 1, false);
        assertHostLimits(s);
        assertFalse(s.has(CGROUP_MEMORY_USAGE_BYTES));
        assertFalse(s.has(CPU_THROTTLED_PERIODS));
        assertSample(s, RSS_BYTES, 123456L * 1024, PROCFS);
    }

    @Test
    void aMissingCgroupDirectoryDegradesToTheHost() {
        Fixture f = fixture("v2");
        f.delete("/sys/fs/cgroup/kubepods.slice");
        RecordingSink s = collect(f);
        assertHostLimits(s);
        assertFalse(s.has(CGROUP_MEMORY_USAGE_BYTES));
        assertSample(s, OS_THREADS, 42, PROCFS);
    }

    @Test
    void missingMountinfoDegradesToTheHost() {
        Fixture f = fixture("v2");
        f.delete("/proc/self/mountinfo");
        assertHostLimits(collect(f));
    }

    @Test
    void unreadableFilesDegradeToTheHostAndRecoverOnceReadable() {
        Fixture f = fixture("v2");
        String leaf = "/sys/fs/cgroup/kubepods.slice/pod1/ctr/";
        f.makeUnreadable(leaf + "memory.max");
        f.makeUnreadable(leaf + "memory.current");
        f.makeUnreadable(leaf + "cpu.max");
        RecordingSink first = collect(f, 2, true);
        assertSample(first, MEMORY_LIMIT_BYTES, HOST_MEMORY, HOST);
        // the cpuset (0-3) still caps the cores: one unreadable file does not hide the others
        assertSample(first, CPU_LIMIT_CORES, 4, CGROUP_V2);
        assertFalse(first.has(CGROUP_MEMORY_USAGE_BYTES));

        f.delete(leaf + "memory.max");
        f.write(leaf + "memory.max", "536870912\n");
        f.delete(leaf + "memory.current");
        f.write(leaf + "memory.current", "314572800\n");
        f.delete(leaf + "cpu.max");
        f.write(leaf + "cpu.max", "150000 100000\n");
        RecordingSink second = RecordingSink.collect(collector);
        RecordingSink third = RecordingSink.collect(collector);
        assertTrue(second.has(MEMORY_LIMIT_BYTES), "collect never skips the limits");
        assertSample(third, MEMORY_LIMIT_BYTES, 536870912, CGROUP_V2);
        assertSample(third, CPU_LIMIT_CORES, 1.5, CGROUP_V2);
        assertSample(third, CGROUP_MEMORY_USAGE_BYTES, 314572800, CGROUP_V2);
    }

    @Test
    void unreadableProcessFilesSkipThoseNumbersOnly() {
        Fixture f = fixture("v2");
        f.makeUnreadable("/proc/self/status");
        f.makeUnreadable("/proc/self/stat");
        RecordingSink s = collect(f);
        assertFalse(s.has(RSS_BYTES));
        assertFalse(s.has(PROCESS_CPU_NANOS));
        assertSample(s, MEMORY_LIMIT_BYTES, 536870912, CGROUP_V2);
    }

    @Test
    void aProcessMovedToAnotherCgroupIsFollowedAtTheNextRefresh() {
        Fixture f = fixture("v2");
        RecordingSink before = collect(f, 2, true);
        assertSample(before, MEMORY_LIMIT_BYTES, 536870912, CGROUP_V2);

        f.write("/proc/self/cgroup", "0::/kubepods.slice/pod2/other\n");
        f.delete("/sys/fs/cgroup/kubepods.slice/pod1"); // the old cgroup is removed, as runtimes do
        RecordingSink after = RecordingSink.collect(collector); // second cycle: refresh
        assertSample(after, MEMORY_LIMIT_BYTES, 268435456, CGROUP_V2);
        assertSample(after, CPU_LIMIT_CORES, 0.5, CGROUP_V2);
        assertSample(after, CGROUP_MEMORY_USAGE_BYTES, 1048576, CGROUP_V2);
        assertSample(after, CPU_THROTTLED_PERIODS, 1, CGROUP_V2);
    }

    @Test
    void aProcessMovedToAnotherCgroupIsFollowedAtTheNextCycleLongBeforeARefresh() {
        Fixture f = fixture("v2");
        collect(f, 1000, true);
        RecordingSink stayed = RecordingSink.collect(collector);
        assertSample(stayed, MEMORY_LIMIT_BYTES, 536870912, CGROUP_V2);

        f.write("/proc/self/cgroup", "0::/kubepods.slice/pod2/other\n");
        RecordingSink moved = RecordingSink.collect(collector);
        assertSample(moved, MEMORY_LIMIT_BYTES, 268435456, CGROUP_V2);
        assertSample(moved, CPU_LIMIT_CORES, 0.5, CGROUP_V2);
        assertSample(moved, CGROUP_MEMORY_USAGE_BYTES, 1048576, CGROUP_V2);
        assertSample(moved, CPU_THROTTLED_PERIODS, 1, CGROUP_V2);
    }

    @Test
    void withContainerLimitsOffTheLogNamesTheRealKey() {
        java.io.PrintStream previous = System.err;
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        try {
            System.setErr(new java.io.PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8));
            assertHostLimits(collect(fixture("v2"), 1, false));
        } finally {
            System.setErr(previous);
        }
        String text = log.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(text.contains("container limits not read (zprof.resource.cgroup=false)"), text);
    }

    @Test
    void limitsChangedInPlaceAreSeenAtTheNextRefresh() {
        Fixture f = fixture("v2");
        collect(f, 3, true);
        f.write("/sys/fs/cgroup/kubepods.slice/pod1/ctr/memory.max", "805306368\n");
        RecordingSink s = null;
        for (int i = 0; i < 3; i++) {
            s = RecordingSink.collect(collector);
        }
        assertSample(s, MEMORY_LIMIT_BYTES, 805306368, CGROUP_V2);
    }

    @Test
    void countersAreReadFreshEveryCycle() {
        Fixture f = fixture("v2");
        collect(f, 1000, true);
        String leaf = "/sys/fs/cgroup/kubepods.slice/pod1/ctr/";
        f.write(leaf + "memory.current", "400000000\n");
        f.write(leaf + "cpu.stat", "nr_periods 2100\nnr_throttled 130\nthrottled_usec 6000000\n");
        f.write("/proc/self/status", "VmRSS:\t 200000 kB\nThreads:\t77\n");
        RecordingSink s = RecordingSink.collect(collector);
        assertSample(s, CGROUP_MEMORY_USAGE_BYTES, 400000000, CGROUP_V2);
        assertSample(s, CPU_THROTTLED_PERIODS, 130, CGROUP_V2);
        assertSample(s, CPU_THROTTLED_NANOS, 6_000_000_000.0, CGROUP_V2);
        assertSample(s, RSS_BYTES, 200000L * 1024, PROCFS);
        assertSample(s, OS_THREADS, 77, PROCFS);
        assertSample(s, MEMORY_LIMIT_BYTES, 536870912, CGROUP_V2);
    }

    @Test
    void collectAfterCloseReportsNothing() {
        collect(fixture("v2"));
        collector.close();
        collector.close();
        RecordingSink s = RecordingSink.collect(collector);
        assertFalse(s.has(RSS_BYTES));
    }
}
