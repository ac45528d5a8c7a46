package io.zprof.core.internal.engine;

import io.zprof.api.model.Metric;
import io.zprof.api.model.MetricSource;
import java.util.Arrays;

/**
 * The latest value and source of every metric, indexed by ordinal so a cycle allocates nothing. Only the sampler
 * thread writes it; readers take a {@link #copy()}.
 */
final class MetricTable {
    private static final Metric[] METRICS = Metric.values();
    final double[] values = new double[METRICS.length];
    final MetricSource[] sources = new MetricSource[METRICS.length];

    MetricTable() {
        clear();
    }

    void clear() {
        Arrays.fill(values, Double.NaN);
        Arrays.fill(sources, MetricSource.NONE);
    }

    void put(Metric m, double v, MetricSource s) {
        values[m.ordinal()] = v;
        sources[m.ordinal()] = s;
    }

    double get(Metric m) {
        return values[m.ordinal()];
    }

    MetricSource source(Metric m) {
        return sources[m.ordinal()];
    }

    boolean has(Metric m) {
        return !Double.isNaN(values[m.ordinal()]);
    }

    MetricTable copy() {
        MetricTable t = new MetricTable();
        System.arraycopy(values, 0, t.values, 0, values.length);
        System.arraycopy(sources, 0, t.sources, 0, sources.length);
        return t;
    }

    void copyFrom(MetricTable other) {
        System.arraycopy(other.values, 0, values, 0, values.length);
        System.arraycopy(other.sources, 0, sources, 0, sources.length);
    }

    static Metric[] metrics() {
        return METRICS;
    }
}
