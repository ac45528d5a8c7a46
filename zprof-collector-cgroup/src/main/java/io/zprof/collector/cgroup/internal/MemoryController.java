package io.zprof.collector.cgroup.internal;

import io.zprof.api.model.Metric;
import io.zprof.api.port.SampleSink;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The memory controller's files: the limit at every level, and the leaf's usage and page-cache statistics.
 *
 * <p>Usage is read every cycle. {@code memory.stat}, the costliest read of a cycle (4–7 µs, and the kernel flushes
 * per-CPU statistics for it), is read for the working set only at limit refreshes and whenever usage has moved by
 * more than 1/64 of itself since the last read: page cache that grows or is reclaimed moves usage. What usage does
 * not show, pages aging between the active and inactive lists, reaches the working set within one refresh.
 */
final class MemoryController {
    /** Usage may drift by 1/2^6 (1.6 %) of itself before memory.stat is read again outside a refresh. */
    private static final int USAGE_DRIFT_SHIFT = 6;
    private static final byte[] MAX = KernelText.bytes("max");
    /** Above any real memory size: v1 prints "unlimited" as LONG_MAX rounded down to a page (9223372036854771712). */
    private static final long UNLIMITED_THRESHOLD = 1L << 62;

    private final CgroupVersion version;
    private final ReusableFile[] limits;
    /** For each of {@link #limits}: where it is, for a person ({@link #limitOrigin()}). */
    private final String[] limitOrigins;
    private final String hierarchicalOrigin;
    private String limitOrigin;
    private final ReusableFile usage;
    private final ReusableFile stat;
    private boolean statDue = true;
    private long usageAtStat;
    private long inactiveFile = -1;

    MemoryController(ControllerDir dir, FileGroup files) {
        this.version = dir.version();
        List<ReusableFile> found = new ArrayList<>();
        List<String> origins = new ArrayList<>();
        for (Path level : dir.levels()) {
            ReusableFile limit = files.fileIfExists(level.resolve(version.memoryLimitFile()), 64);
            if (limit != null) {
                found.add(limit);
                origins.add(version.memoryLimitFile() + " of " + dir.describeLevel(level));
            }
        }
        this.limits = found.toArray(new ReusableFile[0]);
        this.limitOrigins = origins.toArray(new String[0]);
        this.hierarchicalOrigin = "hierarchical_memory_limit in " + dir.leaf().resolve("memory.stat")
                + " (set on an ancestor cgroup above the visible mount)";
        this.usage = files.fileIfExists(dir.leaf().resolve(version.memoryUsageFile()), 64);
        this.stat = files.fileIfExists(dir.leaf().resolve("memory.stat"), 4096);
    }

    /** @return the interface the files belong to */
    CgroupVersion version() {
        return version;
    }

    /**
     * @return the tightest limit among the levels that could be read and, in v1, the leaf's
     *         {@code hierarchical_memory_limit} (which also covers ancestors above the visible mount root), or
     *         {@link Long#MAX_VALUE} when none limits ({@code max}, -1, the v1 "unlimited" sentinel, no readable file)
     */
    long readLimit() {
        statDue = true;
        long tightest = Long.MAX_VALUE;
        limitOrigin = null;
        for (int i = 0; i < limits.length; i++) {
            ReusableFile file = limits[i];
            if (file.read()) {
                long limit = parseLimit(file.bytes(), file.length(), 0);
                if (limit < tightest) {
                    tightest = limit;
                    limitOrigin = limitOrigins[i];
                }
            }
        }
        byte[] key = version.hierarchicalLimitKey();
        if (key != null && stat != null && stat.read()) {
            int at = KernelText.valueAfter(stat.bytes(), stat.length(), key);
            // strictly tighter only: the leaf's own file and the hierarchical value agree when the leaf sets it
            long hierarchical = at < 0 ? Long.MAX_VALUE : parseLimit(stat.bytes(), stat.length(), at);
            if (hierarchical < tightest) {
                tightest = hierarchical;
                limitOrigin = hierarchicalOrigin;
            }
        }
        return tightest;
    }

    /** @return where the limit of the last {@link #readLimit()} was found, or {@code null} when none limits */
    String limitOrigin() {
        return limitOrigin;
    }

    private static long parseLimit(byte[] b, int len, int from) {
        if (KernelText.isWord(b, from, len, MAX)) {
            return Long.MAX_VALUE;
        }
        long value = KernelText.parseLong(b, from, len);
        return value <= 0 || value >= UNLIMITED_THRESHOLD ? Long.MAX_VALUE : value;
    }

    /**
     * Reports the memory charged to the cgroup and the same without reclaimable page cache (the working set, as
     * kubelet computes it: usage minus inactive file pages, never below zero).
     *
     * @param sink receives {@link Metric#CGROUP_MEMORY_USAGE_BYTES} and {@link Metric#CGROUP_MEMORY_WORKING_SET_BYTES}
     */
    void reportUsage(SampleSink sink) {
        if (usage == null || !usage.read()) {
            return;
        }
        long used = KernelText.parseLong(usage.bytes(), 0, usage.length());
        if (used < 0) {
            return;
        }
        sink.accept(Metric.CGROUP_MEMORY_USAGE_BYTES, used, version.source());
        if (stat != null && (statDue || Math.abs(used - usageAtStat) > used >> USAGE_DRIFT_SHIFT)) {
            inactiveFile = stat.read() ? KernelText.longAfter(stat.bytes(), stat.length(), version.inactiveFileKey()) : -1;
            usageAtStat = used;
            statDue = false;
        }
        if (inactiveFile >= 0) {
            sink.accept(Metric.CGROUP_MEMORY_WORKING_SET_BYTES, Math.max(0, used - inactiveFile), version.source());
        }
    }
}
