package io.zprof.core.internal.engine;

import io.zprof.api.config.ResourceConfig;
import io.zprof.api.model.Metric;
import io.zprof.api.model.MetricSource;

/**
 * Derived metrics: CPU %, memory %, throttling rates, from raw samples and the previous cycle. Elapsed time is
 * the difference of the times the engine passes in, read from its clock (millisecond resolution is ample: CPU
 * time itself advances in 10 ms ticks, and a rate needs {@link #MIN_CPU_SPAN_NANOS}).
 */
final class DerivedMetrics {
    /** Shortest span over which CPU % is computed. */
    static final long MIN_CPU_SPAN_NANOS = 50_000_000L;
    private double prevCpu = Double.NaN;
    private long prevWall;
    private double prevPeriods = Double.NaN;
    private double prevThrottledPeriods = Double.NaN;
    private double prevThrottledNanos = Double.NaN;
    private long prevThrottleWall;

    /**
     * @param t    this cycle's samples; the derived metrics are added to it
     * @param res  the configured limits, which win over collected ones
     * @param wall the cycle's time from the engine's clock, in nanoseconds
     */
    void derive(MetricTable t, ResourceConfig res, long wall) {
        if (res.cpuCores() > 0) {
            t.put(Metric.CPU_LIMIT_CORES, res.cpuCores(), MetricSource.CONFIGURED);
        }
        if (res.memoryLimitBytes() > 0) {
            t.put(Metric.MEMORY_LIMIT_BYTES, res.memoryLimitBytes(), MetricSource.CONFIGURED);
        }
        double cpu = t.get(Metric.PROCESS_CPU_NANOS);
        if (!Double.isNaN(cpu)) {
            double cores = t.get(Metric.CPU_LIMIT_CORES);
            if (!(cores > 0)) {
                cores = Runtime.getRuntime().availableProcessors();
            }
            boolean havePrev = !Double.isNaN(prevCpu);
            // CPU time advances in scheduler ticks: over a few milliseconds (back-to-back sampleNow() calls)
            // the ratio is noise that can read far above 100 %, so short spans accumulate into the next one;
            // a clock set back starts a new base rather than waiting for the old time to come round again
            if (!havePrev || wall - prevWall >= MIN_CPU_SPAN_NANOS || wall < prevWall) {
                if (havePrev && cpu >= prevCpu && wall > prevWall) {
                    t.put(Metric.CPU_PERCENT, (cpu - prevCpu) / (wall - prevWall) / cores * 100.0, MetricSource.DERIVED);
                }
                prevCpu = cpu;
                prevWall = wall;
            }
        }
        double rss = t.get(Metric.RSS_BYTES);
        double limit = t.get(Metric.MEMORY_LIMIT_BYTES);
        if (!Double.isNaN(rss) && limit > 0) {
            MetricSource s = t.source(Metric.RSS_BYTES) == MetricSource.JVM_APPROXIMATION
                    ? MetricSource.JVM_APPROXIMATION : MetricSource.DERIVED;
            t.put(Metric.MEMORY_PERCENT, rss / limit * 100.0, s);
        }
        double periods = t.get(Metric.CPU_PERIODS);
        double throttled = t.get(Metric.CPU_THROTTLED_PERIODS);
        double throttledNanos = t.get(Metric.CPU_THROTTLED_NANOS);
        if (!Double.isNaN(periods) && !Double.isNaN(throttled) && !Double.isNaN(prevPeriods)) {
            double dp = periods - prevPeriods;
            t.put(Metric.CPU_THROTTLED_PERIODS_PERCENT, dp > 0 ? (throttled - prevThrottledPeriods) / dp * 100.0 : 0,
                    MetricSource.DERIVED);
        }
        if (!Double.isNaN(throttledNanos) && !Double.isNaN(prevThrottledNanos) && wall > prevThrottleWall) {
            t.put(Metric.CPU_THROTTLED_TIME_PERCENT, (throttledNanos - prevThrottledNanos) / (wall - prevThrottleWall) * 100.0,
                    MetricSource.DERIVED);
        }
        prevPeriods = periods;
        prevThrottledPeriods = throttled;
        prevThrottledNanos = throttledNanos;
        prevThrottleWall = wall;
    }
}
