package io.zprof.core.internal.engine;

import io.zprof.api.model.Metric;
import io.zprof.api.model.MetricSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The last minutes of every metric, for the timeline written with each event. Preallocated rings; recording a
 * cycle allocates nothing. Synchronized because captures read it while the sampler writes (cheap: uncontended).
 */
final class MetricHistory {
    /** One metric's recent samples, oldest first. */
    record Series(Metric metric, String unit, List<Point> points) {
    }

    /** One sample of a series. */
    record Point(long epochMillis, double value, MetricSource source) {
    }

    private final long[] times;
    private double[][] values;
    private MetricSource[][] sources;
    private int size;
    private int next;

    MetricHistory(int capacity) {
        int n = Metric.count();
        times = new long[capacity];
        values = new double[capacity][n];
        sources = new MetricSource[capacity][n];
    }

    int capacity() {
        return times.length;
    }

    synchronized void record(long epochMillis, MetricTable table) {
        if (table.values.length > values[0].length) {
            grow(table.values.length);
        }
        times[next] = epochMillis;
        System.arraycopy(table.values, 0, values[next], 0, table.values.length);
        System.arraycopy(table.sources, 0, sources[next], 0, table.sources.length);
        next = (next + 1) % times.length;
        if (size < times.length) {
            size++;
        }
    }

    /** Makes room for metrics declared after the history was made (once per such metric, not per cycle). */
    private void grow(int n) {
        for (int i = 0; i < times.length; i++) {
            int old = values[i].length;
            values[i] = java.util.Arrays.copyOf(values[i], n);
            java.util.Arrays.fill(values[i], old, n, Double.NaN);
            sources[i] = java.util.Arrays.copyOf(sources[i], n);
        }
    }

    /** @return every metric that has at least one value, with its samples oldest first */
    synchronized List<Series> snapshot() {
        List<Series> out = new ArrayList<>();
        int width = values[0].length;
        for (Metric m : Metric.known()) {
            if (m.index() >= width) {
                break;
            }
            List<Point> points = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                int idx = (next - size + i + times.length) % times.length;
                double v = values[idx][m.index()];
                if (!Double.isNaN(v)) {
                    points.add(new Point(times[idx], v, sources[idx][m.index()]));
                }
            }
            if (!points.isEmpty()) {
                out.add(new Series(m, m.unit(), points));
            }
        }
        return out;
    }
}
