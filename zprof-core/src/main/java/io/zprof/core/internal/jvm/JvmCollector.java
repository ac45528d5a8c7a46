package io.zprof.core.internal.jvm;

import io.zprof.api.model.Metric;
import io.zprof.api.model.MetricSource;
import io.zprof.api.port.Collector;
import io.zprof.api.port.SampleSink;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;

/**
 * The JDK-only collector, used for what no platform collector supplies. It reads process CPU time (never
 * {@code getProcessCpuLoad}, which costs ~70 µs and ~100 KB per call in containers), live threads and heap. It
 * cannot see RSS: it reports committed heap + non-heap as an approximation and says so in the source.
 */
final class JvmCollector implements Collector {
    private final com.sun.management.OperatingSystemMXBean os;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final Runtime runtime = Runtime.getRuntime();
    private final double physicalMemory;

    JvmCollector() {
        java.lang.management.OperatingSystemMXBean bean = ManagementFactory.getOperatingSystemMXBean();
        os = bean instanceof com.sun.management.OperatingSystemMXBean ? (com.sun.management.OperatingSystemMXBean) bean : null;
        // expensive in containers (~40 µs, 56 KB) but read once: the limit does not change while we run
        physicalMemory = os == null ? Double.NaN : os.getTotalMemorySize();
    }

    /** Reads only what the engine wants from this collector: beside a platform collector, threads and heap. */
    @Override
    public void collect(SampleSink sink) {
        if (os != null && sink.wants(Metric.PROCESS_CPU_NANOS)) {
            long cpu = os.getProcessCpuTime();
            if (cpu >= 0) {
                sink.accept(Metric.PROCESS_CPU_NANOS, cpu, MetricSource.JVM);
            }
        }
        if (physicalMemory > 0) {
            sink.accept(Metric.MEMORY_LIMIT_BYTES, physicalMemory, MetricSource.JVM);
        }
        if (sink.wants(Metric.CPU_LIMIT_CORES)) {
            // in a container the JVM re-reads its cgroup files here when its 20 ms cache has expired
            sink.accept(Metric.CPU_LIMIT_CORES, runtime.availableProcessors(), MetricSource.JVM);
        }
        sink.accept(Metric.JVM_THREADS, threads.getThreadCount(), MetricSource.JVM);
        long total = runtime.totalMemory();
        sink.accept(Metric.HEAP_USED_BYTES, total - runtime.freeMemory(), MetricSource.JVM);
        sink.accept(Metric.HEAP_MAX_BYTES, runtime.maxMemory(), MetricSource.JVM);
        if (sink.wants(Metric.RSS_BYTES)) {
            // one 48-byte MemoryUsage per cycle: the cheapest view of non-heap the JDK offers
            long nonHeap = memory.getNonHeapMemoryUsage().getCommitted();
            sink.accept(Metric.RSS_BYTES, total + nonHeap, MetricSource.JVM_APPROXIMATION);
        }
    }
}
