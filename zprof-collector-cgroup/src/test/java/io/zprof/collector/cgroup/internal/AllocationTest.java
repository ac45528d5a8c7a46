package io.zprof.collector.cgroup.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.model.Metric;
import io.zprof.api.model.MetricSource;
import io.zprof.api.port.Collector;
import io.zprof.api.port.SampleSink;
import io.zprof.testing.TestProviderContext;
import java.lang.management.ManagementFactory;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Steady-state collects on the real system allocate nothing, limit refreshes included. Counted cycle by cycle with
 * the JVM's per-thread allocation counter; the cost in time is measured by the JMH benchmark, not here.
 *
 * <p>Interpreted, no cycle after the first refresh allocates. Compiled, the JIT occasionally deoptimizes a method
 * and re-creates on the heap objects that escape analysis had removed (a few hundred bytes, a handful of times per
 * thousands of cycles, more when the compiler threads are slowed by a loaded machine), so the test allows 3 % of
 * cycles to allocate: a real allocation on the cycle path shows in every cycle, and one on the refresh path in every
 * refresh (8 % of cycles at the default of 12).
 */
class AllocationTest {
    private static final int CYCLES = 1200;

    @Test
    void steadyStateCollectAllocatesNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported(), "no per-thread allocation counter in this JVM");
        double[] values = new double[Metric.count()];
        SampleSink sink = (Metric metric, double value, MetricSource source) -> values[metric.index()] = value;
        try (Collector collector = new CgroupCollectorProvider().create(TestProviderContext.of(Map.of()).forbiddingThreads())) {
            for (int i = 0; i < 2 * CgroupSettings.DEFAULT_REFRESH_CYCLES; i++) {
                collector.collect(sink); // first-use class initialisation (e.g. Arrays.equals' support class)
            }
            int allocatingCycles = 0;
            long total = 0;
            for (int i = 0; i < CYCLES; i++) {
                long before = threads.getCurrentThreadAllocatedBytes();
                collector.collect(sink);
                long allocated = threads.getCurrentThreadAllocatedBytes() - before;
                if (allocated > 0) {
                    allocatingCycles++;
                    total += allocated;
                }
            }
            assertTrue(allocatingCycles <= CYCLES * 3 / 100, allocatingCycles + " of " + CYCLES + " cycles allocated, "
                    + total + " bytes in all");
            assertTrue(values[Metric.RSS_BYTES.index()] > 0, "the cycles read the real files");
        }
    }
}
