package io.zprof.api.port;

import io.zprof.api.model.Metric;
import io.zprof.api.model.MetricSource;

/** Receives the numbers a collector read in one cycle. Allocation-free by design: primitives and enums only. */
@FunctionalInterface
public interface SampleSink {
    /**
     * @param metric what was measured (never a {@link Metric.Kind#DERIVED} metric)
     * @param value  the value, in the metric's unit
     * @param source where it came from
     */
    void accept(Metric metric, double value, MetricSource source);

    /**
     * Whether a value for the metric would be used this cycle. A collector may skip reading a metric that is not
     * wanted (the engine takes it from a higher-priority collector), which matters when the read is costly; values
     * passed to {@link #accept} anyway are ignored.
     *
     * @param metric a metric the collector supplies
     * @return {@code true} unless the metric's value would be discarded
     */
    default boolean wants(Metric metric) {
        return true;
    }
}
