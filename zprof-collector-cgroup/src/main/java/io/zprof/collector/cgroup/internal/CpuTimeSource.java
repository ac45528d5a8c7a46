package io.zprof.collector.cgroup.internal;

import io.zprof.api.model.MetricSource;
import java.io.Closeable;

/** Cumulative CPU time of the process, read without allocating. */
interface CpuTimeSource extends Closeable {
    /** @return CPU time in nanoseconds (user + system, all threads), or a negative number when it cannot be read */
    long processCpuNanos();

    /** @return where the number comes from */
    MetricSource source();

    /** Retries after a failure (at the next limit refresh). */
    default void reset() {
    }

    @Override
    default void close() {
    }
}
