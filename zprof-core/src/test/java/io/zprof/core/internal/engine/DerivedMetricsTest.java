package io.zprof.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.zprof.api.config.ResourceConfig;
import io.zprof.api.model.Metric;
import io.zprof.api.model.MetricSource;
import org.junit.jupiter.api.Test;

/** The derived metrics, with exact wall times: CPU %, memory %, throttling. */
class DerivedMetricsTest {
    private static final long SECOND = 1_000_000_000L;
    private static final ResourceConfig DETECT = ResourceConfig.defaults();

    private final DerivedMetrics d = new DerivedMetrics();

    private static MetricTable cpu(double nanos, double cores) {
        MetricTable t = new MetricTable();
        t.put(Metric.PROCESS_CPU_NANOS, nanos, MetricSource.PROCFS);
        if (cores > 0) {
            t.put(Metric.CPU_LIMIT_CORES, cores, MetricSource.CGROUP_V2);
        }
        return t;
    }

    @Test
    void cpuPercentIsCpuTimeOverWallTimeOverCores() {
        MetricTable first = cpu(5 * SECOND, 4);
        d.derive(first, DETECT, 10 * SECOND);
        assertFalse(first.has(Metric.CPU_PERCENT), "no rate from one sample");

        MetricTable second = cpu(5 * SECOND + 2 * SECOND, 4);
        d.derive(second, DETECT, 11 * SECOND);
        assertEquals(50.0, second.get(Metric.CPU_PERCENT), 1e-9, "2 s of CPU in 1 s on 4 cores");
        assertEquals(MetricSource.DERIVED, second.source(Metric.CPU_PERCENT));
    }

    @Test
    void spansShorterThanTheMinimumAccumulateIntoTheNextRate() {
        d.derive(cpu(0, 1), DETECT, 10 * SECOND);
        // 20 ms later a scheduler tick of 10 ms would read 50 %; on a 1 ms span it could read 1000 %
        MetricTable tooSoon = cpu(10_000_000, 1);
        d.derive(tooSoon, DETECT, 10 * SECOND + 20_000_000L);
        assertFalse(tooSoon.has(Metric.CPU_PERCENT), "no rate over 20 ms");
        MetricTable later = cpu(100_000_000, 1);
        d.derive(later, DETECT, 11 * SECOND);
        assertEquals(10.0, later.get(Metric.CPU_PERCENT), 1e-9, "100 ms of CPU over the whole second since the base");
    }

    @Test
    void configuredCoresOverrideTheCollector() {
        d.derive(cpu(0, 4), DETECT.cpuCores(0.5), 0);
        MetricTable t = cpu(SECOND / 4, 4);
        d.derive(t, DETECT.cpuCores(0.5), SECOND);
        assertEquals(50.0, t.get(Metric.CPU_PERCENT), 1e-9, "0.25 s of CPU in 1 s on half a core");
        assertEquals(0.5, t.get(Metric.CPU_LIMIT_CORES));
        assertEquals(MetricSource.CONFIGURED, t.source(Metric.CPU_LIMIT_CORES));
    }

    @Test
    void withoutAnyCoreLimitTheMachinesProcessorsCount() {
        d.derive(cpu(0, 0), DETECT, 0);
        MetricTable t = cpu(SECOND, 0);
        d.derive(t, DETECT, SECOND);
        assertEquals(100.0 / Runtime.getRuntime().availableProcessors(), t.get(Metric.CPU_PERCENT), 1e-9);
    }

    @Test
    void aClockSetBackGivesNoRateThenRestartsFromTheNewBase() {
        d.derive(cpu(0, 1), DETECT, 10 * SECOND);
        MetricTable stepped = cpu(SECOND / 10, 1);
        d.derive(stepped, DETECT, 5 * SECOND);
        assertFalse(stepped.has(Metric.CPU_PERCENT), "no rate over a negative span");
        MetricTable next = cpu(SECOND / 10 + SECOND / 2, 1);
        d.derive(next, DETECT, 6 * SECOND);
        assertEquals(50.0, next.get(Metric.CPU_PERCENT), 1e-9, "0.5 s of CPU in the second since the clock was set back");
    }

    @Test
    void aCounterThatGoesBackwardsGivesNoRateThenRestartsFromTheNewBase() {
        d.derive(cpu(10 * SECOND, 1), DETECT, 0);
        MetricTable reset = cpu(SECOND, 1);
        d.derive(reset, DETECT, SECOND);
        assertFalse(reset.has(Metric.CPU_PERCENT));
        MetricTable next = cpu(SECOND + SECOND / 10, 1);
        d.derive(next, DETECT, 2 * SECOND);
        assertEquals(10.0, next.get(Metric.CPU_PERCENT), 1e-9);
    }

    @Test
    void memoryPercentKeepsTheRssSourceWhenItIsAnApproximation() {
        MetricTable t = new MetricTable();
        t.put(Metric.RSS_BYTES, 512, MetricSource.JVM_APPROXIMATION);
        t.put(Metric.MEMORY_LIMIT_BYTES, 2048, MetricSource.JVM);
        d.derive(t, DETECT, 0);
        assertEquals(25.0, t.get(Metric.MEMORY_PERCENT), 1e-9);
        assertEquals(MetricSource.JVM_APPROXIMATION, t.source(Metric.MEMORY_PERCENT));

        MetricTable exact = new MetricTable();
        exact.put(Metric.RSS_BYTES, 512, MetricSource.PROCFS);
        exact.put(Metric.MEMORY_LIMIT_BYTES, 2048, MetricSource.CGROUP_V1);
        d.derive(exact, DETECT.memoryLimitBytes(1024), 0);
        assertEquals(50.0, exact.get(Metric.MEMORY_PERCENT), 1e-9, "the configured limit wins");
        assertEquals(MetricSource.DERIVED, exact.source(Metric.MEMORY_PERCENT));
    }

    @Test
    void noMemoryPercentWithoutALimit() {
        MetricTable t = new MetricTable();
        t.put(Metric.RSS_BYTES, 512, MetricSource.PROCFS);
        d.derive(t, DETECT, 0);
        assertFalse(t.has(Metric.MEMORY_PERCENT));
    }

    @Test
    void throttlingRatesFromCounterDeltas() {
        MetricTable a = new MetricTable();
        a.put(Metric.CPU_PERIODS, 100, MetricSource.CGROUP_V2);
        a.put(Metric.CPU_THROTTLED_PERIODS, 10, MetricSource.CGROUP_V2);
        a.put(Metric.CPU_THROTTLED_NANOS, SECOND, MetricSource.CGROUP_V2);
        d.derive(a, DETECT, 0);
        assertFalse(a.has(Metric.CPU_THROTTLED_PERIODS_PERCENT));

        MetricTable b = new MetricTable();
        b.put(Metric.CPU_PERIODS, 200, MetricSource.CGROUP_V2);
        b.put(Metric.CPU_THROTTLED_PERIODS, 35, MetricSource.CGROUP_V2);
        b.put(Metric.CPU_THROTTLED_NANOS, SECOND + SECOND / 5, MetricSource.CGROUP_V2);
        d.derive(b, DETECT, 2 * SECOND);
        assertEquals(25.0, b.get(Metric.CPU_THROTTLED_PERIODS_PERCENT), 1e-9, "25 of 100 periods throttled");
        assertEquals(10.0, b.get(Metric.CPU_THROTTLED_TIME_PERCENT), 1e-9, "0.2 s throttled in 2 s");
    }
}
