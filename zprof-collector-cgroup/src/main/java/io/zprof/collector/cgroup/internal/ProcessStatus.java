package io.zprof.collector.cgroup.internal;

import io.zprof.api.model.Metric;
import io.zprof.api.model.MetricSource;
import io.zprof.api.port.SampleSink;
import java.io.Closeable;

/**
 * RSS and the native thread count from {@code /proc/self/status}. The {@code Threads:} line is the kernel's own
 * count; listing {@code /proc/self/task} instead costs milliseconds at thousands of threads.
 */
final class ProcessStatus implements Closeable {
    private static final byte[] VM_RSS = KernelText.bytes("VmRSS:");
    private static final byte[] THREADS = KernelText.bytes("Threads:");
    private static final byte[] CPUS_ALLOWED = KernelText.bytes("Cpus_allowed_list:");

    private final ReusableFile status;
    /** Where the keys' lines started in the last read: the search starts there (see {@link KernelText#valueAfter}). */
    private int rssLine;
    private int threadsLine;

    ProcessStatus(FileSystemRoot fs) {
        this.status = new ReusableFile(fs.process("status"), 2048);
    }

    /** @param sink receives {@link Metric#RSS_BYTES} and {@link Metric#OS_THREADS} when the file has them */
    void report(SampleSink sink) {
        if (!status.read()) {
            return;
        }
        byte[] b = status.bytes();
        int len = status.length();
        rssLine = reportValue(sink, b, len, VM_RSS, rssLine, Metric.RSS_BYTES, 1024.0);
        threadsLine = reportValue(sink, b, len, THREADS, threadsLine, Metric.OS_THREADS, 1);
    }

    /** @return where the key's line started, the hint for the next read (the old hint when the key is missing) */
    private static int reportValue(SampleSink sink, byte[] b, int len, byte[] key, int hint, Metric metric, double unit) {
        int at = KernelText.valueAfter(b, len, key, hint);
        if (at < 0) {
            return hint;
        }
        long value = KernelText.parseLong(b, at, len);
        if (value >= 0) {
            sink.accept(metric, value * unit, MetricSource.PROCFS);
        }
        return at - key.length;
    }

    /**
     * The CPUs the process may be scheduled on ({@code taskset}, {@code numactl}, a cpuset): what
     * {@code sched_getaffinity} answers for the main thread, which the other threads inherit.
     *
     * @return the number of CPUs in {@code Cpus_allowed_list}, or 0 when unknown
     */
    int allowedCpus() {
        if (!status.read()) {
            return 0;
        }
        int at = KernelText.valueAfter(status.bytes(), status.length(), CPUS_ALLOWED);
        return at < 0 ? 0 : Math.max(0, KernelText.countCpuList(status.bytes(), at, status.length()));
    }

    /** @return the file, for logging and retries */
    ReusableFile file() {
        return status;
    }

    @Override
    public void close() {
        status.close();
    }
}
