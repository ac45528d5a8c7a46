package io.zprof.collector.oshi.internal;

import io.zprof.api.model.Metric;
import io.zprof.api.model.MetricSource;
import io.zprof.api.port.Collector;
import io.zprof.api.port.SampleSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import oshi.SystemInfo;
import oshi.software.os.OSProcess;

/**
 * Reads the current process through one cached {@link OSProcess}, refreshed by {@link OSProcess#updateAttributes()}
 * each cycle (OSHI's cheapest per-process path). Total memory and logical processors are machine constants, read
 * once. OSHI allocates on every refresh (it builds strings and maps); its cost is measured beside the cgroup
 * collector's in {@code docs/benchmarks-collectors.md}.
 */
final class OshiCollector implements Collector {
    private static final Logger LOG = LoggerFactory.getLogger(OshiCollector.class);
    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final OSProcess process;
    private final long totalMemoryBytes;
    private final int logicalProcessors;
    private boolean warned;

    OshiCollector(OSProcess process, long totalMemoryBytes, int logicalProcessors) {
        this.process = process;
        this.totalMemoryBytes = totalMemoryBytes;
        this.logicalProcessors = logicalProcessors;
    }

    /** @return a collector of this JVM's process */
    static OshiCollector forCurrentProcess() {
        SystemInfo system = new SystemInfo();
        OshiCollector collector = new OshiCollector(system.getOperatingSystem().getCurrentProcess(),
                system.getHardware().getMemory().getTotal(),
                system.getHardware().getProcessor().getLogicalProcessorCount());
        LOG.info("oshi collector: process {}, total memory {} bytes, {} logical processors (no container limits)",
                collector.process.getProcessID(), collector.totalMemoryBytes, collector.logicalProcessors);
        return collector;
    }

    @Override
    public synchronized void collect(SampleSink sink) {
        if (totalMemoryBytes > 0) {
            sink.accept(Metric.MEMORY_LIMIT_BYTES, totalMemoryBytes, MetricSource.OSHI);
        }
        if (logicalProcessors > 0) {
            sink.accept(Metric.CPU_LIMIT_CORES, logicalProcessors, MetricSource.OSHI);
        }
        boolean updated;
        try {
            updated = process.updateAttributes();
        } catch (RuntimeException e) {
            warnOnce("OSHI failed to refresh the process (" + e + "); process numbers are skipped");
            return;
        }
        if (!updated) {
            warnOnce("OSHI could not refresh the process; process numbers are skipped");
            return;
        }
        sink.accept(Metric.RSS_BYTES, process.getResidentSetSize(), MetricSource.OSHI);
        sink.accept(Metric.OS_THREADS, process.getThreadCount(), MetricSource.OSHI);
        sink.accept(Metric.PROCESS_CPU_NANOS,
                (double) (process.getKernelTime() + process.getUserTime()) * NANOS_PER_MILLI, MetricSource.OSHI);
    }

    private void warnOnce(String message) {
        if (!warned) {
            LOG.warn("oshi collector: {}", message);
            warned = true;
        } else {
            LOG.debug("oshi collector: {}", message);
        }
    }

    @Override
    public String toString() {
        return "OshiCollector[pid " + process.getProcessID() + "]";
    }
}
