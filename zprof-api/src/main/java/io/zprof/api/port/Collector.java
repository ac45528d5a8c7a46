package io.zprof.api.port;

import io.zprof.api.model.Metric;

/**
 * Reads the current values of the metrics its provider declares, once per engine cycle, on the engine's
 * sampler thread. Implementations should not allocate in steady state (reuse buffers and open channels) and
 * must not throw for a missing or unreadable source: report what can be read, skip the rest.
 */
public interface Collector extends AutoCloseable {
    /**
     * @param sink receives one call per metric read this cycle
     */
    void collect(SampleSink sink);

    /**
     * Where this collector's last value of a metric came from, for a person deciding how far to trust it: the file,
     * and for a limit the level it was found at ({@code "memory.max of the process's own cgroup /sys/fs/cgroup/app"},
     * {@code "cpu.max of parent cgroup /sys/fs/cgroup/pod (quota)"}). Called for the status, never per cycle.
     *
     * @param metric a metric the collector supplies
     * @return a one-line description, or {@code null} when the {@link io.zprof.api.model.MetricSource} says enough
     */
    default String originOf(Metric metric) {
        return null;
    }

    /** Releases open files or native handles. Idempotent. */
    @Override
    default void close() {
    }
}
