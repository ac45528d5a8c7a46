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
}
