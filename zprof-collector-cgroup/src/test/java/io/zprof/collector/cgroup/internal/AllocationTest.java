package io.zprof.collector.cgroup.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zprof.api.model.Metric;
import io.zprof.api.model.MetricSource;
import io.zprof.api.port.Collector;
import io.zprof.api.port.SampleSink;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Steady-state collects on the real system allocate nothing (limit refreshes included). Counted with the JVM's
 * per-thread allocation counter; the cost in time is measured by the JMH benchmark, not here.
 */
class AllocationTest {
    @Test
    void steadyStateCollectAllocatesNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported(), "no per-thread allocation counter in this JVM");
        double[] values = new double[Metric.values().length];
        SampleSink sink = (Metric metric, double value, MetricSource source) -> values[metric.ordinal()] = value;
        try (Collector collector = new CgroupCollectorProvider().create(TestContext.system())) {
            for (int i = 0; i < 200; i++) {
                collector.collect(sink);
            }
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 1000; i++) {
                collector.collect(sink);
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertEquals(0, allocated, "bytes allocated by 1000 collects (" + 1000 / CgroupSettings.DEFAULT_REFRESH_CYCLES
                    + " limit refreshes included)");
        }
    }
}
