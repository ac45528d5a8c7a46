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
    private static final byte[] VM_RSS = Ascii.bytes("VmRSS:");
    private static final byte[] THREADS = Ascii.bytes("Threads:");
    private static final byte[] CPUS_ALLOWED = Ascii.bytes("Cpus_allowed_list:");

    private final ReusableFile status;

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
        long rssKib = Ascii.longAfter(b, len, VM_RSS);
        if (rssKib >= 0) {
            sink.accept(Metric.RSS_BYTES, rssKib * 1024.0, MetricSource.PROCFS);
        }
        long threads = Ascii.longAfter(b, len, THREADS);
        if (threads >= 0) {
            sink.accept(Metric.OS_THREADS, threads, MetricSource.PROCFS);
        }
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
        int at = Ascii.valueAfter(status.bytes(), status.length(), CPUS_ALLOWED);
        return at < 0 ? 0 : Math.max(0, Ascii.countCpuList(status.bytes(), at, status.length()));
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
