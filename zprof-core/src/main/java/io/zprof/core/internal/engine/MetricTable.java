package io.zprof.core.internal.engine;

import io.zprof.api.model.Metric;
import io.zprof.api.model.MetricSource;
import java.util.Arrays;

/**
 * The latest value and source of every metric, indexed by ordinal so a cycle allocates nothing. Only the sampler
 * thread writes it; readers take a {@link #copy()}.
 *
 * <p>An infinite value is rejected, not stored: no measurement yields one, and once in a rule's window or the
 * timeline it would poison every average it is part of. The table counts the rejections since the last
 * {@link #clear()} and keeps the first, so the cycle can count and log them.
 */
final class MetricTable {
    private static final Metric[] METRICS = Metric.values();
    final double[] values = new double[METRICS.length];
    final MetricSource[] sources = new MetricSource[METRICS.length];
    private int rejected;
    private Metric firstRejected;
    private double firstRejectedValue;
    private MetricSource firstRejectedSource;

    MetricTable() {
        clear();
    }

    void clear() {
        Arrays.fill(values, Double.NaN);
        Arrays.fill(sources, MetricSource.NONE);
        rejected = 0;
    }

    /** Stores a value; an infinite one is rejected (counted, the metric left as it was). NaN means missing. */
    void put(Metric m, double v, MetricSource s) {
        if (Double.isInfinite(v)) {
            if (rejected++ == 0) {
                firstRejected = m;
                firstRejectedValue = v;
                firstRejectedSource = s;
            }
            return;
        }
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

    /** @return how many infinite values were rejected since the last {@link #clear()} */
    int rejected() {
        return rejected;
    }

    /**
     * @return the first value rejected since the last {@link #clear()}, as text for a log line (only meaningful when
     *         {@link #rejected()} is above 0)
     */
    String firstRejected() {
        return firstRejected + " = " + firstRejectedValue + " from " + firstRejectedSource;
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
