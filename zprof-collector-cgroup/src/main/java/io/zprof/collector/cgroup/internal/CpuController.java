package io.zprof.collector.cgroup.internal;

import io.zprof.api.model.Metric;
import io.zprof.api.port.SampleSink;
import java.nio.file.Path;
import java.util.List;

/**
 * The cpu controller's files: the CFS quota at every level, and the throttling counters of the level whose quota
 * binds (throttling is counted where the quota is set, so a limit on a parent shows no throttling in the leaf).
 */
final class CpuController {
    private static final byte[] MAX = KernelText.bytes("max");
    private static final byte[] NR_PERIODS = KernelText.bytes("nr_periods ");
    private static final byte[] NR_THROTTLED = KernelText.bytes("nr_throttled ");

    private final CgroupVersion version;
    private final Level[] levels;
    /** For each of {@link #levels}: where its quota is, for a person ({@link #quotaOrigin()}). */
    private final String[] quotaOrigins;
    /** Index of the level whose quota binds, or -1 when none does. */
    private int binding = -1;

    CpuController(ControllerDir dir, FileGroup files) {
        this.version = dir.version();
        List<Path> paths = dir.levels();
        this.levels = new Level[paths.size()];
        this.quotaOrigins = new String[paths.size()];
        for (int i = 0; i < levels.length; i++) {
            Path p = paths.get(i);
            quotaOrigins[i] = version.cpuQuotaFile() + (version.cpuPeriodFile() == null ? "" : "/" + version.cpuPeriodFile())
                    + " of " + dir.describeLevel(p) + " (CFS quota)";
            levels[i] = new Level(files.fileIfExists(p.resolve(version.cpuQuotaFile()), 64),
                    version.cpuPeriodFile() == null ? null : files.fileIfExists(p.resolve(version.cpuPeriodFile()), 64),
                    files.fileIfExists(p.resolve("cpu.stat"), 512));
        }
    }

    /** @return the interface the files belong to */
    CgroupVersion version() {
        return version;
    }

    /**
     * @return the tightest quota among the readable levels in cores (quota / period), or
     *         {@link Double#POSITIVE_INFINITY} when none is set ({@code max}, -1, or unreadable)
     */
    double readQuotaCores() {
        double tightest = Double.POSITIVE_INFINITY;
        binding = -1;
        for (int i = 0; i < levels.length; i++) {
            double cores = levels[i].cores(version);
            if (cores < tightest) {
                tightest = cores;
                binding = i;
            }
        }
        return tightest;
    }

    /** @return where the quota of the last {@link #readQuotaCores()} was found, or {@code null} when none binds */
    String quotaOrigin() {
        return binding < 0 ? null : quotaOrigins[binding];
    }

    /**
     * Without a quota nothing can be throttled, so {@code cpu.stat} is read only when one binds (as of the last
     * {@link #readQuotaCores()}): a read costs a few microseconds, a third of a cycle's budget.
     *
     * @param sink receives {@link Metric#CPU_PERIODS}, {@link Metric#CPU_THROTTLED_PERIODS} and
     *             {@link Metric#CPU_THROTTLED_NANOS} when {@code cpu.stat} has them
     */
    void reportThrottling(SampleSink sink) {
        ReusableFile stat = binding < 0 ? null : levels[binding].stat;
        if (stat == null || !stat.read()) {
            return;
        }
        byte[] b = stat.bytes();
        int len = stat.length();
        report(sink, Metric.CPU_PERIODS, KernelText.longAfter(b, len, NR_PERIODS), 1);
        report(sink, Metric.CPU_THROTTLED_PERIODS, KernelText.longAfter(b, len, NR_THROTTLED), 1);
        report(sink, Metric.CPU_THROTTLED_NANOS, KernelText.longAfter(b, len, version.throttledTimeKey()),
                version.throttledTimeToNanos());
    }

    private void report(SampleSink sink, Metric metric, long value, long factor) {
        if (value >= 0) {
            sink.accept(metric, (double) value * factor, version.source());
        }
    }

    /** One cgroup level: its quota (and period, in v1) and its {@code cpu.stat}. Files may be {@code null}. */
    private static final class Level {
        private final ReusableFile quota;
        private final ReusableFile period;
        private final ReusableFile stat;

        Level(ReusableFile quota, ReusableFile period, ReusableFile stat) {
            this.quota = quota;
            this.period = period;
            this.stat = stat;
        }

        /** v1: {@code cpu.cfs_quota_us} (-1 = none) over {@code cpu.cfs_period_us}; v2: {@code cpu.max} "$MAX $PERIOD". */
        double cores(CgroupVersion version) {
            if (quota == null || !quota.read()) {
                return Double.POSITIVE_INFINITY;
            }
            byte[] b = quota.bytes();
            int len = quota.length();
            if (KernelText.isWord(b, 0, len, MAX)) {
                return Double.POSITIVE_INFINITY;
            }
            long q = KernelText.parseLong(b, 0, len);
            long p;
            if (version.cpuPeriodFile() == null) {
                p = KernelText.parseLong(b, KernelText.nextToken(b, KernelText.skipBlanks(b, 0, len), len), len);
            } else {
                p = period != null && period.read() ? KernelText.parseLong(period.bytes(), 0, period.length()) : KernelText.NONE;
            }
            return q > 0 && p > 0 ? (double) q / p : Double.POSITIVE_INFINITY;
        }
    }
}
