package io.zprof.core.internal.engine;

import io.zprof.api.model.Metric;
import io.zprof.api.model.MetricSource;
import java.util.Arrays;

/**
 * The latest value and source of every metric, indexed by {@link Metric#index()} so a cycle allocates nothing. Only
 * the sampler thread writes it; readers take a {@link #copy()}. It is sized for the metrics registered when it is made
 * and grows once when a metric declared later is first put (a third party's class loaded after the engine started).
 *
 * <p>An infinite value is rejected, not stored: no measurement yields one, and once in a rule's window or the
 * timeline it would poison every average it is part of. The table counts the rejections since the last
 * {@link #clear()} and keeps the first, so the cycle can count and log them.
 */
final class MetricTable {
    double[] values = new double[Metric.count()];
    MetricSource[] sources = new MetricSource[Metric.count()];
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
        if (m.index() >= values.length) {
            grow(Metric.count());
        }
        values[m.index()] = v;
        sources[m.index()] = s;
    }

    double get(Metric m) {
        return m.index() < values.length ? values[m.index()] : Double.NaN;
    }

    MetricSource source(Metric m) {
        return m.index() < sources.length ? sources[m.index()] : MetricSource.NONE;
    }

    boolean has(Metric m) {
        return !Double.isNaN(get(m));
    }

    /** @return how many metrics the table has room for */
    int size() {
        return values.length;
    }

    /** Makes room for {@code n} metrics, the new ones missing. */
    void grow(int n) {
        if (n <= values.length) {
            return;
        }
        int old = values.length;
        values = Arrays.copyOf(values, n);
        sources = Arrays.copyOf(sources, n);
        Arrays.fill(values, old, n, Double.NaN);
        Arrays.fill(sources, old, n, MetricSource.NONE);
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
        t.copyFrom(this);
        return t;
    }

    void copyFrom(MetricTable other) {
        grow(other.values.length);
        System.arraycopy(other.values, 0, values, 0, other.values.length);
        System.arraycopy(other.sources, 0, sources, 0, other.sources.length);
    }
}
