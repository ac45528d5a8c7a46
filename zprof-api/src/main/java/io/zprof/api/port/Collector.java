package io.zprof.api.port;

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

    /** Releases open files or native handles. Idempotent. */
    @Override
    default void close() {
    }
}
